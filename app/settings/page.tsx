import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { readErrorMessage } from "@/lib/management/messages";
import type { ManagementResult, ManagementUser } from "@/lib/management/types";
import { getServices } from "@/lib/services";
import { SiteHeader } from "../site-header";
import { IdentityList } from "./identity-list";

export const metadata: Metadata = { title: "Settings" };

async function loadUser(sub: string): Promise<ManagementResult<ManagementUser>> {
  const { auth0, management, logger } = getServices();
  let token: string;
  try {
    ({ token } = await auth0.getAccessToken());
  } catch (error) {
    logger.warn("settings.no_access_token", { reason: (error as { code?: string }).code ?? "unknown" });
    return { ok: false, error: { code: "invalid_token" } };
  }
  return management.getUser(token, sub);
}

export default async function SettingsPage(): Promise<ReactNode> {
  const session = await getServices().auth0.getSession();
  if (!session) redirect(`/auth/login?returnTo=${encodeURIComponent("/settings")}`);
  const result = await loadUser(session.user.sub);
  return (
    <>
      <SiteHeader signedIn />
      <main>
        <h1>Settings</h1>
        {result.ok ? (
          <section className="card profile" aria-label="Profile">
            {result.value.picture ? <img className="avatar" src={result.value.picture} alt="" width={48} height={48} /> : null}
            <div>
              <strong>{result.value.name}</strong>
              <div className="muted">{result.value.email}</div>
            </div>
          </section>
        ) : null}
        <section className="card" aria-labelledby="linked-accounts">
          <h2 id="linked-accounts">Linked accounts</h2>
          <p className="muted">The ways you can sign in to this account.</p>
          {result.ok ? <IdentityList user={result.value} /> : <p role="alert">{readErrorMessage(result.error)}</p>}
        </section>
      </main>
    </>
  );
}
