import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { LinkedAccounts } from "auth0-account-linking/ui";
import { accountLinking } from "../account-linking";
import { SiteHeader } from "../site-header";

export const metadata: Metadata = { title: "Settings" };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Settings → Linked accounts, rendered on the server from
 * `GET /api/v2/users/{id}` with the user's own token (server-side mode: the machine token). Query parameters it
 * reads: the outcome of /link/* (`link`/`unlink`, `identity`, `retry`) and
 * `confirm` (an identity to ask about unlinking), `continue`/`suggested` (a link
 * to continue after signing in again). None is ever echoed.
 */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<ReactNode> {
  const [accounts, params] = await Promise.all([accountLinking.loadLinkedAccounts(), searchParams]);
  if (!accounts) redirect(`/auth/login?returnTo=${encodeURIComponent("/settings")}`);
  const user = accounts.result.ok ? accounts.result.value : null;
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
        {/* `accounts` says whether unlinking asks for a fresh sign-in first: the confirmation says so before the person confirms. */}
        <LinkedAccounts {...accounts} searchParams={params} classNames={{ root: "card" }} />
      </main>
    </>
  );
}
