import type { ReactNode } from "react";
import { accountLinking } from "./account-linking";
import { SiteHeader } from "./site-header";

export default async function Home(): Promise<ReactNode> {
  const session = await accountLinking.getSession();
  const user = session?.user;
  return (
    <>
      <SiteHeader signedIn={Boolean(user)} />
      <main id="main">
        {user ? (
          <section className="card">
            <h1>Welcome back</h1>
            <p>
              Signed in as <strong>{user.name ?? user.email ?? user.sub}</strong>
              {user.email && user.name !== user.email ? <span className="muted"> ({user.email})</span> : null}.
            </p>
            <p>
              <a className="button" href="/settings">
                Settings
              </a>
            </p>
          </section>
        ) : (
          <section className="card">
            <h1>Account linking</h1>
            <p>Sign in, then link your GitHub or Google sign-in to your account from Settings.</p>
            <p>
              <a className="button" href="/auth/login">
                Sign in
              </a>
            </p>
          </section>
        )}
      </main>
    </>
  );
}
