/**
 * How the Linked accounts UI is addressed, restyled and worded: the app paths
 * its forms post to, the CSS class of each of its parts, and the page's
 * language. Every part always carries its documented `la-*` class (styled by
 * `auth0-account-linking/styles.css`); `classNames` adds the app's own classes
 * to it (e.g. Tailwind utilities).
 */
import { localize, type Localization } from "../i18n";


/** The parts of the Linked accounts UI, each with a stable `la-*` class. */
export const LINKED_ACCOUNTS_PARTS = {
  /** The whole `<section>`. */
  root: "la-linked-accounts",
  /** The short explanations under the headings. */
  intro: "la-muted",
  /** The `role=status` / `role=alert` outcome of the last link or unlink. */
  notice: "la-notice",
  /** The `role=alert` shown instead of the list when the user could not be read. */
  error: "la-error",
  /** The `<ul>` of sign-in methods. */
  list: "la-identities",
  /** One `<li>`; also `la-identity--confirming` while its unlink confirmation is open. */
  item: "la-identity",
  /** The icon, name, account and action of one sign-in method. */
  row: "la-identity-row",
  /** The provider's mark. */
  icon: "la-identity-icon",
  /** The connection's name and the account. */
  text: "la-identity-text",
  /** "Primary". */
  badge: "la-badge",
  /** The form around an Unlink button. */
  action: "la-identity-action",
  /** Every button; also `la-button--secondary`, `la-button--quiet` (Unlink) or `la-button--danger` (confirm). */
  button: "la-button",
  /** The unlink confirmation panel. */
  confirm: "la-confirm",
  /** Its Cancel and Unlink actions (and those of the continue-linking panel). */
  confirmActions: "la-confirm-actions",
  /** "Continue linking …": the link asked for, after signing in again. */
  continueLink: "la-continue-link",
  /** "Move your GitHub sign-in to this account": the steps when a sign-in belongs to another account. */
  identityInUse: "la-identity-in-use",
  /** Its numbered steps. */
  steps: "la-steps",
  /** The "Suggested accounts" section (other accounts with the user's verified email). */
  suggestions: "la-suggestions",
  /** The "Link another account" section. */
  linkAnother: "la-link-another",
  /** Its Link buttons. */
  linkOptions: "la-link-options",
  /** The link at sign-in's page, "You already have an account" (`<LinkPrompt>`). */
  prompt: "la-link-prompt",
} as const;

/** A part of the Linked accounts UI; see {@link LINKED_ACCOUNTS_PARTS}. */
export type LinkedAccountsPart = keyof typeof LINKED_ACCOUNTS_PARTS;

/** Extra classes for parts of the Linked accounts UI, added after each part's `la-*` class. */
export type LinkedAccountsClassNames = Partial<Readonly<Record<LinkedAccountsPart, string>>>;

/** Where the Linked accounts UI sends people; each must be the route that serves it. */
export interface LinkedAccountsPaths {
  /** The page that renders the UI; default `/settings`. The Unlink buttons and Cancel reload it. */
  readonly settings?: string;
  /** The route serving `AccountLinking.start`; default `/link/start`. */
  readonly start?: string;
  /** The route serving `AccountLinking.unlink`; default `/link/unlink`. */
  readonly unlink?: string;
  /** The SDK's login route; default `/auth/login`. "Sign in with GitHub" (a sign-in that belongs to another account) starts there. */
  readonly login?: string;
}

/** Paths, classes and words with defaults applied, handed from the component to its pieces. */
export interface UiContext {
  readonly paths: Required<LinkedAccountsPaths>;
  /** The page's locale, catalog and formatting. */
  readonly localization: Localization;
  /** The class attribute of `part`, with modifiers (e.g. `la-button--danger`). */
  className(part: LinkedAccountsPart, ...modifiers: readonly (string | false | undefined)[]): string;
}

/** Applies the defaults (English); see {@link UiContext}. */
export function uiContext(paths: LinkedAccountsPaths = {}, classNames: LinkedAccountsClassNames = {}, localization: Localization = localize()): UiContext {
  return {
    paths: {
      settings: paths.settings ?? "/settings",
      start: paths.start ?? "/link/start",
      unlink: paths.unlink ?? "/link/unlink",
      login: paths.login ?? "/auth/login",
    },
    localization,
    className(part, ...modifiers) {
      const base = LINKED_ACCOUNTS_PARTS[part];
      return [base, ...modifiers.filter(Boolean).map((modifier) => `${base}--${modifier}`), classNames[part]].filter(Boolean).join(" ");
    },
  };
}

/** The defaults: `/settings`, `/link/start`, `/link/unlink`, `/auth/login`, only the `la-*` classes, English. */
export const DEFAULT_UI: UiContext = uiContext();
