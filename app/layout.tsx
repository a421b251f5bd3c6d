import type { Metadata } from "next";
import type { ReactNode } from "react";
// The Linked accounts UI's own stylesheet first, so the app's rules can override it.
import "auth0-account-linking/styles.css";
import "./globals.css";

// Every page depends on the signed-in user: render on each request, never at build time
// (a build needs no Auth0 settings).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Account linking", template: "%s · Account linking" },
  description: "Link your other sign-ins to one account.",
};

export default function RootLayout({ children }: { children: ReactNode }): ReactNode {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
