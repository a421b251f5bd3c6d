/**
 * The shape of a message catalog: every sentence, heading, button and
 * accessible name the Linked accounts UI shows, keyed by UI part and by the
 * closed outcome codes (../linking/outcomes). A catalog typed `Messages` that
 * misses a key, or an outcome code added without its sentence, fails to compile.
 *
 * Sentences with variable parts are functions of named parameters, so each
 * language orders the words its own way; only whole sentences are ever put
 * side by side. Counts go through {@link Plural} (Intl.PluralRules) and
 * numbers through Intl.NumberFormat (./format). Parameters are the page's own
 * words (connection names from the catalog, emails from the user's identity
 * list), never text from the query string or from Auth0's answers.
 */
import type { LinkOutcomeCode, UnlinkOutcomeCode } from "../linking/outcomes";
import type { PromptOutcomeCode } from "../linking/prompt/prompt-outcomes";

/** One form per plural category of the language (Intl.PluralRules); `other` is always required. */
export type Plural = { readonly other: (count: string) => string } & {
  readonly [Category in Exclude<Intl.LDMLPluralRule, "other">]?: (count: string) => string;
};

/** A sign-in as sentences name it: the connection's name in the page's language and the account. */
export interface SignInParams {
  /** e.g. "GitHub", "E-Mail und Passwort". */
  readonly connection: string;
  /** The account's email or name, e.g. "owner.github@example.com". */
  readonly account: string;
}

/** What an outcome sentence may mention; each part is absent when the page cannot tell it. */
export interface OutcomeParams {
  /** The connection's name in the page's language, e.g. "GitHub". */
  readonly connection?: string;
  /** The account's email or name, known only for an identity in the user's own list. */
  readonly account?: string;
  /** The wait as a whole sentence of this catalog (`wait`), for `rate_limited` and `throttled`. */
  readonly wait: string;
}

/** The sentence for one outcome code. */
export type OutcomeText = (params: OutcomeParams) => string;

/** A sign-in as the report pages name it: its connection and, when known, its account. */
export interface ReportSignIn {
  readonly connection: string;
  readonly account?: string;
}

/** The link at sign-in's page. `connection` is always a connection's name in the page's language. */
export interface PromptMessages {
  /** The heading (and the page's title). */
  readonly heading: string;
  /** What was found: the sign-in just used, and that an account with its email exists. */
  readonly found: (params: { readonly connection: string }) => string;
  /** The existing account, as a list item: "Email and password, owner@example.com". */
  readonly existing: (params: SignInParams) => string;
  /** What "Link accounts" does. */
  readonly explainLink: (params: SignInParams) => string;
  /** What "Keep separate" does. */
  readonly explainKeep: string;
  readonly link: string;
  readonly keep: string;
  /** The accessible name of the existing account's list. */
  readonly existingLabel: string;
  /** Shown when there is nothing to offer (already answered, expired, signed out). */
  readonly nothing: string;
  /** The link onward, to where the person was going. */
  readonly continue: string;
  /** How the last attempt ended (`?prompt=`); `wait` for `rate_limited` and `not_saved`. */
  readonly outcome: { readonly [Code in PromptOutcomeCode]: (params: { readonly wait: string }) => string };
}

/** Why a report page cannot go on, or how the owner's sign-in ended without securing anything. */
export type ReportRefusalCase =
  | "invalid"
  | "expired"
  | "used"
  | "unavailable"
  | "signed_in_as_other"
  | "cancelled"
  | "sign_in_failed"
  | "attempt_invalid"
  | "attempt_expired"
  | "tenant_unavailable";

/** Every word of the "This wasn't me" pages. */
export interface ReportMessages {
  /** The page before anything is done. */
  readonly explain: {
    readonly heading: string;
    /** For a notice of a sign-in added: it goes at once. */
    readonly willRemove: (params: ReportSignIn) => string;
    readonly thenSignIn: string;
    /** For a notice of a sign-in removed. */
    readonly wasRemoved: (params: ReportSignIn) => string;
    readonly signInToEnd: string;
    readonly button: string;
  };
  /** The page after the owner's sign-in. */
  readonly result: {
    readonly secured: string;
    readonly partlySecured: string;
    readonly whatWasDone: string;
    readonly whatToDoNext: string;
    /** Before a step that failed, e.g. "Not done:". */
    readonly notDone: string;
    readonly removed: (params: ReportSignIn) => string;
    readonly noLongerLinked: (params: ReportSignIn) => string;
    readonly notRemoved: (params: ReportSignIn) => string;
    readonly appSignedOut: string;
    readonly appNotSignedOut: string;
    readonly auth0Ended: string;
    readonly auth0NotEnded: string;
    readonly refreshRevoked: string;
    readonly refreshNotRevoked: string;
    readonly changePassword: string;
    readonly checkSignIns: string;
    readonly tellSupport: string;
    readonly signInAgain: string;
  };
  readonly refused: { readonly [Case in ReportRefusalCase]: { readonly heading: string; readonly text: string; readonly next: string } };
}

/** Every word of the email notice. `app` is the app's name (MAIL_FROM's display name). */
export interface NoticeMessages {
  readonly subject: { readonly linked: (params: { readonly app: string }) => string; readonly unlinked: (params: { readonly app: string }) => string };
  /** What changed: "A GitHub sign-in, owner.github@example.com, was added to your account." */
  readonly change: { readonly linked: (params: ReportSignIn) => string; readonly unlinked: (params: ReportSignIn) => string };
  readonly whenLabel: string;
  readonly browserLabel: string;
  /** The browser and system, as far as the User-Agent header tells them. */
  readonly browser: {
    readonly both: (params: { readonly browser: string; readonly system: string }) => string;
    readonly browserOnly: (params: { readonly browser: string }) => string;
    readonly systemOnly: (params: { readonly system: string }) => string;
    readonly unknown: string;
  };
  readonly ifItWasYou: string;
  readonly button: string;
  readonly whatTheButtonDoes: { readonly linked: (params: { readonly connection: string }) => string; readonly unlinked: string };
  readonly linkFallback: string;
  readonly footer: (params: { readonly app: string }) => string;
}

/** Why Settings could not read the user's sign-ins; see `readErrorMessage`. */
export type ReadErrorCase = "rate_limited" | "session_refused" | "app_refused" | "not_found" | "unavailable" | "failed";

/** Every word of the Linked accounts UI in one language. */
export interface Messages {
  /** Names of the connections that are not brand names (GitHub, Google, … are the same in every language). */
  readonly connections: {
    /** Auth0's database connections, e.g. "Email and password". */
    readonly password: string;
    /** Passwordless email. */
    readonly emailCode: string;
    /** Passwordless SMS. */
    readonly textMessage: string;
  };
  /** The section around everything. */
  readonly section: {
    readonly heading: string;
    readonly intro: string;
    /** The status line while the section streams in. */
    readonly loading: string;
  };
  /** The list of the user's sign-ins. */
  readonly identities: {
    /** The badge of the primary sign-in. */
    readonly primary: string;
    /** The visible words of each Unlink button (and of the confirmation's). */
    readonly unlink: string;
    /** Their accessible name: starts with the visible words, then says which sign-in. */
    readonly unlinkLabel: (params: SignInParams) => string;
  };
  /** The panel that asks before unlinking. */
  readonly unlinkConfirmation: {
    /** Also the panel's accessible name. */
    readonly heading: (params: SignInParams) => string;
    readonly consequence: (params: SignInParams) => string;
    /** `signIns`: the sign-ins that stay, already joined by {@link Messages} `remainingSignIn` and Intl.ListFormat. */
    readonly remaining: (params: { readonly signIns: string }) => string;
    /** One of the sign-ins that stay, as the list names it. */
    readonly remainingSignIn: (params: SignInParams) => string;
    readonly signInAgainFirst: string;
    readonly cancel: string;
  };
  /** "Link another account" and its buttons. */
  readonly linkAnother: {
    readonly heading: string;
    /** `signInAgainFirst`: the person will be asked to sign in again before the other sign-in. */
    readonly intro: (params: { readonly signInAgainFirst: boolean }) => string;
    readonly button: (params: { readonly connection: string }) => string;
  };
  /** The panel that continues a link after the person signed in again. */
  readonly continueLink: {
    /** The heading and the button. */
    readonly title: (params: { readonly connection: string }) => string;
    readonly signInAgainFirst: string;
    /** Next step when a suggested account is being linked. */
    readonly nextSuggested: (params: SignInParams) => string;
    readonly next: (params: { readonly connection: string }) => string;
    readonly cancel: string;
  };
  /** Other accounts with the user's verified email. */
  readonly suggestions: {
    readonly heading: string;
    readonly intro: string;
    readonly account: (params: SignInParams) => string;
    readonly button: string;
    /** The button's accessible name: starts with its visible words. */
    readonly buttonLabel: (params: SignInParams) => string;
  };
  /** The steps to move a sign-in that belongs to another account of the app (outcome `identity_in_use`). */
  readonly identityInUse: {
    readonly heading: (params: { readonly connection?: string }) => string;
    readonly explanation: (params: { readonly connection?: string }) => string;
    readonly signInThere: (params: { readonly connection?: string }) => string;
    readonly unlinkThere: (params: { readonly connection?: string }) => string;
    readonly linkHere: (params: { readonly connection?: string }) => string;
    /** The button that starts the first step: a fresh sign-in with that connection. */
    readonly button: (params: { readonly connection: string }) => string;
    /** Said next to the button: it ends the current session. */
    readonly buttonNote: string;
  };
  /** The sentence for each link outcome. */
  readonly link: { readonly [Code in LinkOutcomeCode]: OutcomeText };
  /** The sentence for each unlink outcome. */
  readonly unlink: { readonly [Code in UnlinkOutcomeCode]: OutcomeText };
  /** Why the list could not be read; `wait` is set only when Auth0 said how long to wait. */
  readonly readError: { readonly [Case in ReadErrorCase]: (params: { readonly wait?: string }) => string };
  /** The "This wasn't me" pages (lib/linking/report), opened from a notice's link. */
  readonly report: ReportMessages;
  /** The email notice of a sign-in added or removed (lib/notices/compose.ts). */
  readonly notice: NoticeMessages;
  /** The link at sign-in's page ("You already have an account": lib/ui/link-prompt.tsx). */
  readonly prompt: PromptMessages;
  /** What the linking routes answer themselves, without a page. */
  readonly routes: {
    /** The plain-text 403 for a link or unlink posted from another site. */
    readonly notFromThisSite: string;
  };
  /** How long to wait before trying again, as a whole sentence. */
  readonly wait: {
    /** The wait is not known. */
    readonly moment: string;
    /** A wait in seconds (at most 86400: ../linking/settings-notice bounds it). */
    readonly seconds: Plural;
  };
}

type PartialPart<T> = T extends (...args: never[]) => unknown ? T : T extends string ? T : { readonly [K in keyof T]?: PartialPart<T[K]> };

/** Any part of a catalog, down to single messages; what is left out comes from the catalog below it. */
export type PartialMessages = PartialPart<Messages>;

/**
 * Messages of the app's own, per locale: single messages reworded (`{ en: { section: { heading: "Sign-in methods" } } }`)
 * or a whole language the package does not ship (`{ nl: dutch }`; type it `Messages` to have the compiler
 * check that it is complete). A locale not shipped starts from the catalog of its language (`de-CH` from
 * `de`), else from English.
 */
export type MessageOverrides = { readonly [locale: string]: PartialMessages | undefined };
