import type { ReactNode } from "react";
import type { DemoMessages } from "./demo-messages";

/** The bar at the top of every page: a skip link, the app's name, Settings, and sign in or out. */
export function SiteHeader({ signedIn, current, words }: { signedIn: boolean; current?: "settings"; words: DemoMessages }): ReactNode {
  return (
    <header className="site">
      <a className="skip-link" href="#main">
        {words.skipToContent}
      </a>
      <a className="brand" href="/">
        <svg className="brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round">
          <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
          <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
        </svg>
        {words.appName}
      </a>
      <nav aria-label={words.mainNavigation}>
        {signedIn ? (
          <>
            <a href="/settings" aria-current={current === "settings" ? "page" : undefined}>
              {words.settings}
            </a>
            {/* A plain link: the SDK's logout route must not be prefetched. */}
            <a href="/auth/logout">{words.signOut}</a>
          </>
        ) : (
          <a href="/auth/login">{words.signIn}</a>
        )}
      </nav>
    </header>
  );
}
