/**
 * A tiny stand-in for a browser in flow tests: a cookie jar per origin and
 * the tenant's login page driven by its real forms. Requests go through the
 * app's real route handlers and msw's local tenant; nothing else is faked.
 */
import { NextRequest } from "next/server";

/** Cookies by name, for one origin. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Stores every `Set-Cookie` of a response; `Max-Age=0` or an empty value deletes. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=thu, 01 jan 1970/i.test(attribute));
      if (expired || value === "") this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  names(): string[] {
    return [...this.#cookies.keys()];
  }

  /** The `Cookie` request header. */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** A `NextRequest` to the app carrying the jar's cookies. */
export function appRequest(url: string, jar: CookieJar, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): NextRequest {
  return new NextRequest(url, {
    method: init.method ?? "GET",
    headers: { cookie: jar.header(), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

/**
 * Opens the tenant's `/authorize` URL and, when its login page shows,
 * chooses the account whose button names `email` and `connection`.
 * @returns the redirect back to the app (with `code` and `state`, or `error`).
 */
export async function signInAtTenant(authorizeUrl: string, tenantJar: CookieJar, account?: { email: string; connection: string }): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: "manual", headers: { cookie: tenantJar.header() } });
  tenantJar.store(page);
  if (page.status === 302 || page.status === 303) return new URL(page.headers.get("location") ?? "", authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the tenant answered ${page.status}: ${html.slice(0, 200)}`);
  if (!account) throw new Error("the tenant shows its login page, but no account was given to choose");
  const transaction = /name="transaction" value="([^"]+)"/.exec(html)?.[1];
  const buttons = [...html.matchAll(/<button[^>]*name="identity" value="([^"]+)"[^>]*>([^<]*)<\/button>/g)];
  const chosen = buttons.find(([, , label]) => label?.includes(account.email) && label.includes(account.connection));
  if (!transaction || !chosen?.[1]) throw new Error(`no button for ${account.email} (${account.connection}) on the login page`);
  const form = new URLSearchParams({ transaction, action: "login", identity: decodeEntities(chosen[1]) });
  const answer = await fetch(new URL("/u/login", authorizeUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: tenantJar.header() },
    body: form.toString(),
  });
  tenantJar.store(answer);
  const location = answer.headers.get("location");
  if (!location) throw new Error(`the login form answered ${answer.status} without a redirect`);
  return new URL(location, authorizeUrl);
}

function decodeEntities(text: string): string {
  return text.replace(/&#124;/g, "|").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}
