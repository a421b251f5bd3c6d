import type { ReactNode } from "react";
import { chooseLocale, localize, type LocaleChoice, type LocaleOptions, type Localization } from "../i18n";
import { readSettingsNotice } from "../linking";
import { readErrorMessage } from "../management/messages";
import type { ManagementResult, ManagementUser } from "../management/types";
import { uiContext, type LinkedAccountsClassNames, type LinkedAccountsPaths } from "./class-names";
import { ContinueLink, linkToContinue } from "./continue-link";
import { IdentityInUse, signInElsewhere } from "./identity-in-use";
import { IdentityList } from "./identity-list";
import { LinkButtons } from "./link-buttons";
import { identityToConfirm, linkedIdentities } from "./linked-identity";
import { OutcomeNotice } from "./outcome-notice";
import type { SuggestedAccount } from "../settings/suggest-accounts";
import { SuggestedAccounts } from "./suggested-accounts";

/** Props of {@link LinkedAccounts}. */
export interface LinkedAccountsProps extends LocaleOptions {
  /** The signed-in user as `loadLinkedAccounts` read it; a failed read shows a sentence for its error code. */
  readonly result: ManagementResult<ManagementUser>;
  /**
   * The page's search parameters. Read: the outcome a linking route redirected
   * with (`link`/`unlink`, `identity`, `retry`), `confirm` (an identity to ask
   * about unlinking) and `continue`/`suggested` (a link to continue after
   * signing in again). Only known codes, offered connections and the user's own
   * identities and suggestions are ever shown.
   */
  readonly searchParams: Readonly<Record<string, string | string[] | undefined>>;
  /** Connections offered as "Link …" buttons, e.g. `["github", "google-oauth2"]`; the same list the start route accepts. */
  readonly connections: readonly string[];
  /**
   * The confirmation says a fresh sign-in comes first: pass
   * `AccountLinking.unlinkNeedsFreshSignIn(session.user)`. Default false.
   */
  readonly unlinkNeedsFreshSignIn?: boolean;
  /**
   * Linking will first ask for a fresh sign-in (it needs a recent one): pass
   * `AccountLinking.linkNeedsFreshSignIn(session.user)`. Default false.
   */
  readonly linkNeedsFreshSignIn?: boolean;
  /** Where the forms go; defaults `/settings`, `/link/start`, `/link/unlink`. */
  readonly paths?: LinkedAccountsPaths;
  /**
   * Extra classes for each part, after its `la-*` class; see `LINKED_ACCOUNTS_PARTS`.
   * @example { root: "card", button: "btn" }
   */
  readonly classNames?: LinkedAccountsClassNames;
  /**
   * Other accounts with the user's verified email, each offered with a "Link
   * this account" button (see `AccountSuggestions.forUser`); default none.
   */
  readonly suggestions?: readonly SuggestedAccount[];
  /**
   * The identity the unlink route confirmed it just unlinked (from
   * `loadLinkedAccounts`): "Unlinked …" is announced only for it, never from
   * the URL alone. Default none.
   */
  readonly unlinkedIdentity?: string | null;
  /** Rendered between the list (and suggestions) and "Link another account", e.g. the app's own content. */
  readonly children?: ReactNode;
  /**
   * How `loadLinkedAccounts` found the page's language: the setup's `locale`
   * and `messages`, and the request's `Accept-Language`. The props `locale`
   * (which wins) and `messages` (laid over the setup's) come on top.
   */
  readonly localeChoice?: LocaleChoice;
}

/**
 * The page's words: `props.locale`, else the setup's, else the request's
 * `Accept-Language` among the shipped locales and those the messages add, else English.
 */
export function localizationOf(props: Pick<LinkedAccountsProps, "locale" | "messages" | "localeChoice">): Localization {
  const layers = [...(props.localeChoice?.messages ?? []), props.messages];
  const explicit = props.locale ?? props.localeChoice?.locale;
  const locale = chooseLocale({ locale: explicit, acceptLanguage: props.localeChoice?.acceptLanguage, messages: layers });
  return localize(locale, ...layers);
}

/**
 * Settings → Linked accounts, as a React Server Component: the user's sign-in
 * methods (primary first, marked "Primary"), an Unlink button on each other
 * one with a server-rendered confirmation, the outcome of the last link or
 * unlink in a `role=status` / `role=alert` region (with the steps to move a
 * sign-in that belongs to another account), and one "Link …" button per
 * offered connection. Plain HTML forms: it works without JavaScript.
 *
 * In the request's language (English, German, French or Spanish, from
 * `Accept-Language`, which `loadLinkedAccounts` passes on), or `locale`; the
 * section's `lang` attribute says which. `messages` rewords single messages
 * or adds a language.
 *
 * Styled by `auth0-account-linking/styles.css` through its `la-*` classes;
 * restyle with `classNames`, the `--la-*` custom properties, or
 * your own CSS for those classes.
 *
 * @example
 * <LinkedAccounts result={result} searchParams={await searchParams} connections={["github"]} />
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 */
export function LinkedAccounts(props: LinkedAccountsProps): ReactNode {
  const { result, searchParams } = props;
  const localization = localizationOf(props);
  const { messages } = localization;
  const ui = uiContext(props.paths, props.classNames, localization);
  const user = result.ok ? result.value : null;
  const identities = user ? linkedIdentities(user, localization) : [];
  const notice = readSettingsNotice(searchParams, user?.identities ?? [], { unlinkedIdentity: props.unlinkedIdentity ?? null }, localization);
  const confirming = identityToConfirm(identities, searchParams["confirm"]);
  const continuing = linkToContinue(searchParams, props.connections, props.suggestions ?? []);
  const elsewhere = signInElsewhere(searchParams, props.connections, ui);
  const linkNeedsFreshSignIn = props.linkNeedsFreshSignIn ?? false;
  return (
    <section className={ui.className("root")} lang={localization.locale} aria-labelledby="linked-accounts">
      <h2 id="linked-accounts">{messages.section.heading}</h2>
      <p className={ui.className("intro")}>{messages.section.intro}</p>
      <OutcomeNotice notice={notice} ui={ui} />
      {elsewhere ? <IdentityInUse signIn={elsewhere} ui={ui} /> : null}
      {result.ok ? (
        <>
          {continuing ? <ContinueLink link={continuing} signInAgainFirst={linkNeedsFreshSignIn} ui={ui} /> : null}
          <IdentityList
            identities={identities}
            confirming={confirming}
            signInAgainFirst={confirming !== null && (props.unlinkNeedsFreshSignIn ?? false)}
            ui={ui}
          />
          <SuggestedAccounts suggestions={props.suggestions ?? []} ui={ui} />
          {props.children}
          <section className={ui.className("linkAnother")} aria-labelledby="link-another">
            <h3 id="link-another">{messages.linkAnother.heading}</h3>
            <p className={ui.className("intro")}>{messages.linkAnother.intro({ signInAgainFirst: linkNeedsFreshSignIn })}</p>
            <LinkButtons connections={props.connections} ui={ui} />
          </section>
        </>
      ) : (
        <p role="alert" className={ui.className("error")}>
          {readErrorMessage(result.error, localization)}
        </p>
      )}
    </section>
  );
}
