import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { readSettingsNotice } from "@/lib/linking";
import { readErrorMessage } from "@/lib/management/messages";
import type { ManagementResult, ManagementUser } from "@/lib/management/types";
import { getServices } from "@/lib/services";
import { loadLinkedAccounts } from "@/lib/settings/load-linked-accounts";
import { SiteHeader } from "../site-header";
import { IdentityList } from "./identity-list";
import { LinkButtons } from "./link-buttons";
import { identityToConfirm, linkedIdentities } from "./linked-identity";
import { OutcomeNotice } from "./outcome-notice";

export const metadata: Metadata = { title: "Settings" };

type SearchParams = Record<string, string | string[] | undefined>;

function loadUser(sub: string): Promise<ManagementResult<ManagementUser>> {
  const { auth0, management, userCache, logger, managementAccess } = getServices();
  return loadLinkedAccounts({ management, userCache, logger, access: managementAccess, accessToken: async () => (await auth0.getAccessToken()).token }, sub);
}

/**
 * Settings → Linked accounts, rendered on the server from
 * `GET /api/v2/users/{id}` with the user's own token (server-side mode: the machine token). Query parameters it
 * reads: the outcome of /link/* (`link`/`unlink`, `identity`, `retry`) and
 * `confirm` (an identity to ask about unlinking). Neither is ever echoed.
 */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<ReactNode> {
  const session = await getServices().auth0.getSession();
  if (!session) redirect(`/auth/login?returnTo=${encodeURIComponent("/settings")}`);
  const [result, params] = await Promise.all([loadUser(session.user.sub), searchParams]);
  const user = result.ok ? result.value : null;
  const identities = user ? linkedIdentities(user) : [];
  const notice = readSettingsNotice(params, user?.identities ?? []);
  const confirming = identityToConfirm(identities, params["confirm"]);
  const offered = getServices().config.linking.connections;
  // Unlinking asks for a recent sign-in: say so before the person confirms.
  const signInAgainFirst = confirming !== null && getServices().linking.unlinkNeedsFreshSignIn(session.user);

  return (
    <>
      <SiteHeader signedIn current="settings" />
      <main id="main">
        <h1>Settings</h1>
        {user ? (
          <section className="card profile" aria-label="Profile">
            {user.picture ? <img className="avatar" src={user.picture} alt="" width={48} height={48} /> : null}
            <div>
              <strong>{user.name}</strong>
              <div className="muted">{user.email}</div>
            </div>
          </section>
        ) : null}
        <section className="card" aria-labelledby="linked-accounts">
          <h2 id="linked-accounts">Linked accounts</h2>
          <p className="muted">
            The ways you can sign in to this account. Your primary sign-in can&rsquo;t be unlinked.
          </p>
          <OutcomeNotice notice={notice} />
          {result.ok ? (
            <>
              <IdentityList identities={identities} confirming={confirming} signInAgainFirst={signInAgainFirst} />
              <section className="link-another" aria-labelledby="link-another">
                <h3 id="link-another">Link another account</h3>
                <p className="muted">
                  You&rsquo;ll sign in once with the other account. After that, either sign-in opens this account.
                </p>
                <LinkButtons connections={offered} />
              </section>
            </>
          ) : (
            <p role="alert">{readErrorMessage(result.error)}</p>
          )}
        </section>
      </main>
    </>
  );
}
