import type { ReactNode } from "react";

/** The bar at the top of every page: a skip link, the app's name, Settings, and sign in or out. */
export function SiteHeader({ signedIn, current }: { signedIn: boolean; current?: "settings" }): ReactNode {
  return (
    <header className="site">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <a className="brand" href="/">
        <svg className="brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round">
          <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
          <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
        </svg>
        Account linking
      </a>
      <nav aria-label="Main">
        {signedIn ? (
          <>
            <a href="/settings" aria-current={current === "settings" ? "page" : undefined}>
              Settings
            </a>
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
