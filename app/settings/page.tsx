import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import type { ManagementResult, ManagementUser } from "@/lib/management/types";
import { getServices } from "@/lib/services";
import { loadLinkedAccounts } from "@/lib/settings/load-linked-accounts";
import { LinkedAccounts } from "@/lib/ui";
import { SiteHeader } from "../site-header";

export const metadata: Metadata = { title: "Settings" };

type SearchParams = Record<string, string | string[] | undefined>;

function loadUser(sub: string): Promise<ManagementResult<ManagementUser>> {
  const { auth0, management, userCache, logger } = getServices();
  return loadLinkedAccounts({ management, userCache, logger, accessToken: async () => (await auth0.getAccessToken()).token }, sub);
}

/**
 * Settings → Linked accounts, rendered on the server from
 * `GET /api/v2/users/{id}` with the user's own token. Query parameters it
 * reads: the outcome of /link/* (`link`/`unlink`, `identity`, `retry`) and
 * `confirm` (an identity to ask about unlinking). Neither is ever echoed.
 */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<ReactNode> {
  const session = await getServices().auth0.getSession();
  if (!session) redirect(`/auth/login?returnTo=${encodeURIComponent("/settings")}`);
  const [result, params] = await Promise.all([loadUser(session.user.sub), searchParams]);
  const user = result.ok ? result.value : null;
  const { linking, config } = getServices();
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
        <LinkedAccounts
          result={result}
          searchParams={params}
          connections={config.linking.connections}
          // Unlinking asks for a recent sign-in: the confirmation says so before the person confirms.
          unlinkNeedsFreshSignIn={linking.unlinkNeedsFreshSignIn(session.user)}
          classNames={{ root: "card" }}
        />
      </main>
    </>
  );
}
