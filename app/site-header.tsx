import type { ReactNode } from "react";

/** The bar at the top of every page: the app's name, Settings, and sign in or out. */
export function SiteHeader({ signedIn }: { signedIn: boolean }): ReactNode {
  return (
    <header className="site">
      <a className="brand" href="/">
        Account linking
      </a>
      <nav aria-label="Main">
        {signedIn ? (
          <>
            <a href="/settings">Settings</a>
            {/* A plain link: the SDK's logout route must not be prefetched. */}
            <a href="/auth/logout">Sign out</a>
          </>
        ) : (
          <a href="/auth/login">Sign in</a>
        )}
      </nav>
    </header>
  );
}
