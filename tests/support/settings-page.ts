/**
 * Settings as a person sees it after a redirect: the page's own loader
 * (`linkedAccountsData`, the body of `accountLinking.loadLinkedAccounts`) with
 * the cookies the person's browser sends, spread into `<LinkedAccounts>` with
 * the URL's search parameters, exactly as app/settings/page.tsx does, then
 * rendered as the server renders it. Only the notice regions are read.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { linkedAccountsData } from "@/lib/settings/linked-accounts-data";
import { LinkedAccounts } from "@/lib/ui/linked-accounts";
import type { CookieJar } from "./browser";
import type { Person } from "./app";
import { sessionOf, type Redirect, type RunningApp } from "./linking";

/** What Settings' notice regions say: the `role=status` text ("" when silent) and the `role=alert` text, if any. */
export interface ShownNotice {
  readonly status: string;
  readonly alert: string | null;
}

/** A jar's cookies as Next.js's `cookies()` hands them to a Server Component. */
export function cookiesOf(jar: CookieJar): { get(name: string): { name: string; value: string } | undefined } {
  return {
    get: (name) => {
      const value = jar.get(name);
      return value === undefined ? undefined : { name, value };
    },
  };
}

/** Opens Settings at `redirect` (where a route sent the person, or a URL they were given) in `person`'s browser. */
export async function openSettings(running: RunningApp, person: Person, redirect: Redirect | URL): Promise<ShownNotice> {
  const session = await sessionOf(running, person.app);
  if (!session) throw new Error("the person is not signed in");
  const params = redirect instanceof URL ? Object.fromEntries(redirect.searchParams) : redirect.params;
  const accounts = await linkedAccountsData(running.services(), session.user, async () => session.tokenSet.accessToken, cookiesOf(person.app));
  const html = renderToStaticMarkup(createElement(LinkedAccounts, { ...accounts, searchParams: params }));
  const text = (pattern: RegExp): string | null => {
    const inner = pattern.exec(html)?.[1];
    return inner === undefined ? null : inner.replace(/<[^>]+>/g, "").replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&");
  };
  return { status: text(/<div role="status"[^>]*>([\s\S]*?)<\/div>/) ?? "", alert: text(/<div role="alert"[^>]*>([\s\S]*?)<\/div>/) };
}
