import type { ReactNode } from "react";
import { connectionName } from "../i18n";
import { connectionDisplayName, parseIdentityId, strategyOfKnownConnection } from "../management/identities";
import { DEFAULT_UI, type UiContext } from "./class-names";
import { ProviderIcon } from "./provider-icon";
import { singleParam } from "../linking/query-params";

/** Id of the panel. */
export const IDENTITY_IN_USE_ID = "identity-in-use";

type Params = Readonly<Record<string, string | string[] | undefined>>;

/** The sign-in that belongs to another account, as far as the page can tell it. */
export interface SignInElsewhere {
  /** Its connection's name in the page's language; absent for a provider we cannot name. */
  readonly connectionName?: string;
  /** The offered connection to sign in with (`/auth/login?connection=`); absent when none matches the provider. */
  readonly connection?: string;
}

/**
 * What the `identity_in_use` outcome is about (`?link=identity_in_use&identity=provider|id`),
 * or `null` for any other page. Only the provider of the identity is used,
 * and only to pick our own name for it and an offered connection of that
 * provider: nothing of the URL is shown or posted as it came.
 */
export function signInElsewhere(params: Params, connections: readonly string[], ui: UiContext = DEFAULT_UI): SignInElsewhere | null {
  if (singleParam(params["link"]) !== "identity_in_use") return null;
  const parsed = parseIdentityId(singleParam(params["identity"]));
  if (!parsed) return {};
  const { messages } = ui.localization;
  const connection = connections.find((offered) => offered === parsed.provider || strategyOfKnownConnection(offered) === parsed.provider);
  if (connection) return { connection, connectionName: connectionName(messages, connection, parsed.provider) };
  const named = connectionDisplayName(parsed.provider, parsed.provider) !== parsed.provider;
  return named ? { connectionName: connectionName(messages, parsed.provider, parsed.provider) } : {};
}

/**
 * "Move your GitHub sign-in to this account": when a link was refused because
 * the sign-in belongs to another account of this app (Auth0's 409), the steps
 * to move it (sign in with it, unlink it there, come back and link it) and a
 * button that starts the first one: the SDK's login with that connection and
 * `prompt=login`, so single sign-on cannot answer with the current account.
 * That login replaces this session. A plain GET form: no JavaScript needed.
 */
export function IdentityInUse({ signIn, ui = DEFAULT_UI }: { signIn: SignInElsewhere; ui?: UiContext }): ReactNode {
  const words = ui.localization.messages.identityInUse;
  const named = signIn.connectionName ? { connection: signIn.connectionName } : {};
  const headingId = `${IDENTITY_IN_USE_ID}-heading`;
  return (
    <section id={IDENTITY_IN_USE_ID} className={ui.className("identityInUse")} aria-labelledby={headingId}>
      <h3 id={headingId}>{words.heading(named)}</h3>
      <p>{words.explanation(named)}</p>
      <ol className={ui.className("steps")}>
        <li>{words.signInThere(named)}</li>
        <li>{words.unlinkThere(named)}</li>
        <li>{words.linkHere(named)}</li>
      </ol>
      {signIn.connection ? (
        <form method="get" action={ui.paths.login} className={ui.className("confirmActions")}>
          <input type="hidden" name="connection" value={signIn.connection} />
          <input type="hidden" name="prompt" value="login" />
          <input type="hidden" name="returnTo" value={ui.paths.settings} />
          <p className={ui.className("intro")}>{words.buttonNote}</p>
          <button type="submit" className={ui.className("button")}>
            <ProviderIcon connection={signIn.connection} />
            {words.button({ connection: signIn.connectionName ?? signIn.connection })}
          </button>
        </form>
      ) : null}
    </section>
  );
}
