/**
 * Helpers for the link at sign-in's flow tests: the settings that turn it on,
 * a sign-in followed through the app's own redirects (/link/prompt, the
 * page), the prompt page's two buttons, the page as it reads after an
 * attempt, and the silent sign-in that follows a link. Each acts as a
 * browser would; the app's code runs as in production.
 */
import type { NextResponse } from "next/server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import { LinkPrompt } from "@/lib/ui/link-prompt";
import { ACCOUNTS, APP, type Person } from "./app";
import type { RunningApp } from "./linking";
import { cookiesOf } from "./settings-page";

/** LINK_PROMPT_AT_SIGN_IN on, with the machine client, and the local tenant's GitHub trusted to verify emails (as the README's quick start does). */
export const PROMPT_ENV = {
  LINK_PROMPT_AT_SIGN_IN: "true",
  LINK_SUGGESTION_TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2,github",
  AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId,
  AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret,
} as const;

/** The seeded GitHub account with the owner's verified email: newer than the owner's own account. */
export const NEW_GITHUB = "github|1000003";
/** Its sign-in, as the tenant's login page lists it. */
export const NEW_GITHUB_SIGN_IN = ACCOUNTS.ownerSameEmailGithub;
/** The prompt's page, as the demo app mounts it. */
export const PROMPT_PAGE = `${APP}/link-accounts`;

/** Where a response redirects to, absolute. */
export function locationOf(response: NextResponse): URL {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location, APP);
}

/** Follows the app's own redirects (GET /link/prompt, and so on) until one leaves the routes it serves or reaches a page; returns that URL. */
export async function followInApp(running: RunningApp, person: Person, from: URL): Promise<URL> {
  let url = from;
  for (let hops = 0; hops < 5 && url.origin === APP && url.pathname.startsWith("/link/"); hops += 1) {
    const response = await running.app().linkCallback(running.request(url.toString(), person.app));
    person.app.store(response);
    url = locationOf(response);
  }
  return url;
}

/** Signs in through the SDK (from /auth/login?returnTo=/settings) and follows the app's redirects: where the person lands. */
export async function signInAndLand(running: RunningApp, person: Person, account: { email: string; connection: string }): Promise<URL> {
  const login = await running.app().proxy(running.request(`${APP}/auth/login?returnTo=%2Fsettings`, person.app));
  person.app.store(login);
  const callback = await person.signInAtTenant(login.headers.get("location") ?? "", account);
  const done = await running.app().proxy(running.request(callback.toString(), person.app));
  person.app.store(done);
  return followInApp(running, person, locationOf(done));
}

/** Presses "Link accounts" or "Keep separate": POST /link/prompt from `origin` (the app's own unless said). */
export async function answerPrompt(running: RunningApp, person: Person, intent: string, origin: string | null = APP): Promise<NextResponse> {
  const response = await running.app().linkStart(
    running.request(`${APP}/link/prompt`, person.app, {
      method: "POST",
      headers: { ...(origin === null ? {} : { origin }), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent }).toString(),
    }),
  );
  person.app.store(response);
  return response;
}

/** After the link's callback sent the person to the SDK's login: that sign-in (single sign-on at the tenant) and the app's redirects after it. */
export async function signInAgainSilently(running: RunningApp, person: Person, loginUrl: URL): Promise<URL> {
  const login = await running.app().proxy(running.request(loginUrl.toString(), person.app));
  person.app.store(login);
  // No account given: the tenant must answer from its single sign-on session, without a page.
  const callback = await person.signInAtTenant(login.headers.get("location") ?? "");
  const done = await running.app().proxy(running.request(callback.toString(), person.app));
  person.app.store(done);
  return followInApp(running, person, locationOf(done));
}

/** The prompt's page as the person's browser shows it: how the last attempt ended, and the ways on. */
export interface ShownPrompt {
  /** The `role=alert` sentence (from `?prompt=` and `retry=`), or `null`. */
  readonly alert: string | null;
  /** The buttons offered ("Link accounts", "Keep separate"), or none. */
  readonly buttons: readonly string[];
  /** The "Continue" link's target, shown when there is nothing to offer; else `null`. */
  readonly continueTo: string | null;
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").trim();
}

/**
 * Opens the prompt's page at `url` in `person`'s browser, as app/link-accounts/page.tsx
 * renders it: `loadLinkPrompt`'s data (the prompt cookie for the session's own user)
 * spread into `<LinkPrompt>` with the URL's query.
 */
export async function openPromptPage(running: RunningApp, person: Person, url: URL): Promise<ShownPrompt> {
  const { linking, auth0 } = running.services();
  const session = await auth0.getSession(running.request(url.toString(), person.app));
  const prompt = session ? await linking.linkPrompt(cookiesOf(person.app), session.user.sub) : null;
  const html = renderToStaticMarkup(
    createElement(LinkPrompt, { prompt, action: linking.promptPath ?? "/link/prompt", localeChoice: { acceptLanguage: null }, searchParams: Object.fromEntries(url.searchParams) }),
  );
  const alert = /<div role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
  return {
    alert: alert === undefined ? null : text(alert),
    buttons: [...html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((match) => text(match[1] ?? "")),
    continueTo: /<a href="([^"]*)">Continue<\/a>/.exec(html)?.[1] ?? null,
  };
}
