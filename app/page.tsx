import type { ReactNode } from "react";
import { accountLinking } from "./account-linking";
import { pageLocale } from "./locale";
import { SiteHeader } from "./site-header";

export default async function Home(): Promise<ReactNode> {
  const [session, { words }] = await Promise.all([accountLinking.getSession(), pageLocale()]);
  const user = session?.user;
  return (
    <>
      <SiteHeader signedIn={Boolean(user)} words={words} />
      <main id="main">
        {user ? (
          <section className="card">
            <h1>{words.welcomeBack}</h1>
            <p>
              {words.signedInAs(
                <strong>{user.name ?? user.email ?? user.sub}</strong>,
                user.email && user.name !== user.email ? <span className="muted"> ({user.email})</span> : null,
              )}
            </p>
            <p>
              <a className="button" href="/settings">
                {words.settings}
              </a>
            </p>
          </section>
        ) : (
          <section className="card">
            <h1>{words.appName}</h1>
            <p>{words.signedOutIntro}</p>
            <p>
              <a className="button" href="/auth/login">
                {words.signIn}
              </a>
            </p>
          </section>
        )}
      </main>
    </>
  );
}
