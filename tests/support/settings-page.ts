/**
 * Settings as a person sees it after a redirect: the page's own loader
 * (`linkedAccountsData`, the body of `accountLinking.loadLinkedAccounts`) with
 * the cookies the person's browser sends, spread into `<LinkedAccounts>` with
 * the URL's search parameters, exactly as app/settings/page.tsx does, then
 * rendered as the server renders it, with the browser's Accept-Language when
 * a test gives one.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { linkedAccountsData } from "@/lib/settings/linked-accounts-data";
import { LinkedAccounts } from "@/lib/ui/linked-accounts";
import { appRequest, type CookieJar } from "./browser";
import type { Services } from "@/lib/setup/services";
import { APP, type Person } from "./app";
import type { Redirect, RunningApp } from "./linking";

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

/** Settings as the person's browser gets it: its markup, its `lang`, and what its notice regions say. */
export interface ShownSettings extends ShownNotice {
  readonly html: string;
  /** The section's `lang` attribute. */
  readonly lang: string | null;
}

/** The text of the first element `pattern` captures, with tags and the entities React writes undone. */
function textOf(html: string, pattern: RegExp): string | null {
  const inner = pattern.exec(html)?.[1];
  return inner === undefined ? null : inner.replace(/<[^>]+>/g, "").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/**
 * Renders Settings at `redirect` in `person`'s browser as the app's
 * `services` serve it: the loader's data spread into `<LinkedAccounts>`, with
 * the browser's `acceptLanguage` (the loader reads it from the request, as `headers()` gives it).
 */
export async function renderSettings(services: Services, person: Person, redirect: Redirect | URL, acceptLanguage?: string): Promise<ShownSettings> {
  const session = await services.auth0.getSession(appRequest(`${APP}/settings`, person.app));
  if (!session) throw new Error("the person is not signed in");
  const params = redirect instanceof URL ? Object.fromEntries(redirect.searchParams) : redirect.params;
  const accounts = await linkedAccountsData(services, session.user, async () => session.tokenSet.accessToken, cookiesOf(person.app), acceptLanguage ?? null);
  const html = renderToStaticMarkup(createElement(LinkedAccounts, { ...accounts, searchParams: params }));
  return {
    html,
    lang: /<section class="la-linked-accounts[^"]*" lang="([^"]*)"/.exec(html)?.[1] ?? null,
    status: textOf(html, /<div role="status"[^>]*>([\s\S]*?)<\/div>/) ?? "",
    alert: textOf(html, /<div role="alert"[^>]*>([\s\S]*?)<\/div>/),
  };
}

/** Opens Settings at `redirect` (where a route sent the person, or a URL they were given) in `person`'s browser. */
export async function openSettings(running: RunningApp, person: Person, redirect: Redirect | URL): Promise<ShownNotice> {
  const { status, alert } = await renderSettings(running.services(), person, redirect);
  return { status, alert };
}
