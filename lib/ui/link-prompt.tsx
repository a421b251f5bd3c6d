/**
 * The link at sign-in's page, "You already have an account": the sign-in
 * just used, the older account with the same email, and two buttons, "Link
 * accounts" and "Keep separate". Plain HTML forms posting to `/link/prompt`:
 * it works without JavaScript. What it shows comes from the sealed prompt
 * cookie (`AccountLinkingSetup.loadLinkPrompt`); from the query string only
 * the closed `prompt=` code (a fixed sentence) and `retry=` (a number) are read.
 */
import { connection as requestTime } from "next/server";
import { Suspense, type ReactNode } from "react";
import { connectionName, waitSentence, type LocaleOptions } from "../i18n";
import { isPromptOutcomeCode, type LinkPromptData, type PromptSignInView } from "../linking/prompt";
import { retrySeconds, singleParam } from "../linking/query-params";
import { uiContext, type LinkedAccountsClassNames } from "./class-names";
import { localizationOf } from "./linked-accounts";
import { ProviderIcon } from "./provider-icon";

/** Props of {@link LinkPrompt}: what `loadLinkPrompt()` returned, the page's query, and the look. */
export interface LinkPromptProps extends LinkPromptData, LocaleOptions {
  /** The page's `searchParams`: `prompt` (how the last attempt ended) and `retry` are read. */
  readonly searchParams?: Readonly<Record<string, string | string[] | undefined>>;
  readonly classNames?: LinkedAccountsClassNames;
}

/**
 * "You already have an account", as a React Server Component.
 * @example <LinkPrompt {...await accountLinking.loadLinkPrompt()} searchParams={await searchParams} />
 */
export function LinkPrompt(props: LinkPromptProps): ReactNode {
  const localization = localizationOf({ ...(props.locale ? { locale: props.locale } : {}), ...(props.messages ? { messages: props.messages } : {}), localeChoice: props.localeChoice });
  const ui = uiContext({}, props.classNames, localization);
  const { messages, format } = localization;
  const words = messages.prompt;
  const name = (signIn: PromptSignInView): string => connectionName(messages, signIn.connection, signIn.provider);
  const code = singleParam(props.searchParams?.["prompt"]);
  const wait = waitSentence(messages, format, retrySeconds(props.searchParams?.["retry"]));
  const outcome = isPromptOutcomeCode(code) ? words.outcome[code]({ wait }) : null;
  const { prompt, action } = props;
  return (
    <section className={ui.className("prompt")} aria-labelledby="link-prompt-heading" lang={localization.locale}>
      <h1 id="link-prompt-heading">{words.heading}</h1>
      {outcome ? (
        <div role="alert" className={ui.className("notice")}>
          {outcome}
        </div>
      ) : null}
      {prompt ? (
        <>
          <p>{words.found({ connection: name(prompt.signedInWith) })}</p>
          <ul className={ui.className("list")} aria-label={words.existingLabel}>
            <li className={ui.className("item")}>
              <div className={ui.className("row")}>
                <span className={ui.className("icon")}>
                  <ProviderIcon connection={prompt.existing.connection} provider={prompt.existing.provider} />
                </span>
                <span className={ui.className("text")}>
                  <strong>{words.existing({ connection: name(prompt.existing), account: prompt.existing.email })}</strong>
                </span>
              </div>
            </li>
          </ul>
          <p className={ui.className("intro")}>{words.explainLink({ connection: name(prompt.existing), account: prompt.existing.email })}</p>
          <p className={ui.className("intro")}>{words.explainKeep}</p>
          <div className={ui.className("confirmActions")}>
            <form method="post" action={action}>
              <input type="hidden" name="intent" value="link" />
              <button type="submit" className={ui.className("button")}>
                {words.link}
              </button>
            </form>
            <form method="post" action={action}>
              <input type="hidden" name="intent" value="keep" />
              <button type="submit" className={ui.className("button", "secondary")}>
                {words.keep}
              </button>
            </form>
          </div>
        </>
      ) : (
        <>
          <p>{words.nothing}</p>
          <p>
            <a href="/">{words.continue}</a>
          </p>
        </>
      )}
    </section>
  );
}

/** What {@link linkPromptPage} reads: `setupAccountLinking(…)`'s result. */
export interface LinkPromptSource {
  readonly loadLinkPrompt: () => Promise<LinkPromptData>;
  readonly localeOptions?: LocaleOptions;
}

/** Options of {@link linkPromptPage}: `locale` wins over the setup's and the request's; `messages` are laid over the setup's. */
export interface LinkPromptPageOptions extends LocaleOptions {
  readonly classNames?: LinkedAccountsClassNames;
  /**
   * Default `true`: the section streams in (`<Suspense>`), which an app with
   * `cacheComponents` (create-next-app's default) needs; a browser without
   * JavaScript then sees nothing of it. `false` renders the page in one piece,
   * buttons and all, without JavaScript: use it where the page may block
   * (`cacheComponents` off, or on with `export const instant = false` in the page).
   */
  readonly stream?: boolean;
}

/**
 * The whole link at sign-in page (a React Server Component), for the path
 * given to `setupAccountLinking` as `linkPromptPage`:
 * `export default linkPromptPage(accountLinking)` in `app/link-accounts/page.tsx`.
 * It reads the request inside `<Suspense>`, as an app with `cacheComponents`
 * (create-next-app's default) needs; `{ stream: false }` renders it in one
 * piece, which a browser without JavaScript needs.
 * @example
 * // app/link-accounts/page.tsx
 * export default linkPromptPage(accountLinking);
 */
export function linkPromptPage(source: LinkPromptSource, options: LinkPromptPageOptions = {}): (props: { readonly searchParams: Promise<Record<string, string | string[] | undefined>> }) => ReactNode | Promise<ReactNode> {
  const { classNames, locale, messages } = options;
  async function LinkPromptSection({ searchParams }: { readonly searchParams: Promise<Record<string, string | string[] | undefined>> }): Promise<ReactNode> {
    // Request time only: nothing here (settings, cookies) runs while `next build` prerenders.
    await requestTime();
    const [data, params] = await Promise.all([source.loadLinkPrompt(), searchParams]);
    return <LinkPrompt {...data} searchParams={params} {...(classNames ? { classNames } : {})} {...(locale ? { locale } : {})} {...(messages ? { messages } : {})} />;
  }
  if (options.stream === false) return LinkPromptSection;
  return function LinkPromptPage(props) {
    return (
      <Suspense fallback={null}>
        <LinkPromptSection {...props} />
      </Suspense>
    );
  };
}
