import type { Metadata } from "next";
import type { ReactNode } from "react";
// The Linked accounts UI's own stylesheet first, so the app's rules can override it.
import "auth0-account-linking/styles.css";
import "./globals.css";
import { pageLocale } from "./locale";

// Every page depends on the signed-in user and the browser's language: render on each request,
// never at build time (a build needs no Auth0 settings).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { words } = await pageLocale();
  return { title: { default: words.appName, template: `%s · ${words.appName}` }, description: words.description };
}

export default async function RootLayout({ children }: { children: ReactNode }): Promise<ReactNode> {
  // The language the Linked accounts section speaks, so screen readers read the whole page in it.
  const { locale } = await pageLocale();
  return (
    <html lang={locale}>
      <body>{children}</body>
    </html>
  );
}
