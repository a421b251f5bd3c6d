/**
 * Every word the Linked accounts UI shows, in English, German, French and
 * Spanish, and the app's own on top: the catalog type (./catalog), the
 * shipped catalogs, the locale choice (./negotiate, ./localize) and
 * formatting through `Intl` (./format).
 */
export type { Messages, MessageOverrides, OutcomeParams, OutcomeText, PartialMessages, Plural, PromptMessages, NoticeMessages, ReadErrorCase, ReportMessages, ReportRefusalCase, ReportSignIn, SignInParams } from "./catalog";
export { connectionName } from "./connection-names";
export { formatterFor, waitSentence, type Formatter } from "./format";
export { DEFAULT_LOCALE, SHIPPED_MESSAGES, availableLocales, chooseLocale, localize, type LocaleChoice, type LocaleOptions, type Localization } from "./localize";
export { acceptedLanguages, negotiateLocale } from "./negotiate";
