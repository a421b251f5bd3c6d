import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { LinkedAccounts } from "auth0-account-linking/ui";
import { accountLinking } from "../account-linking";
import { pageLocale } from "../locale";
import { SiteHeader } from "../site-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await pageLocale()).words.settings };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Settings → Linked accounts, rendered on the server from
 * `GET /api/v2/users/{id}` with the user's own token (server-side mode: the machine token). Query parameters it
 * reads: the outcome of /link/* (`link`/`unlink`, `identity`, `retry`) and
 * `confirm` (an identity to ask about unlinking), `continue`/`suggested` (a link
 * to continue after signing in again). None is ever echoed. The section speaks
 * the browser's language (`accounts` carries its Accept-Language), and so does the page around it.
 */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<ReactNode> {
  const [accounts, params, { words }] = await Promise.all([accountLinking.loadLinkedAccounts(), searchParams, pageLocale()]);
  if (!accounts) redirect(`/auth/login?returnTo=${encodeURIComponent("/settings")}`);
  const user = accounts.result.ok ? accounts.result.value : null;
  return (
    <>
      <SiteHeader signedIn current="settings" words={words} />
      <main id="main">
        <h1>{words.settings}</h1>
        {user ? (
          <section className="card profile" aria-label={words.profile}>
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
