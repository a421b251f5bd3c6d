/**
 * An embedding app whose SDK client is configured away from the defaults:
 * `session.cookie.name = "__Host-session"` (the natural defence against cookie
 * tossing), or a stateful `sessionStore`. The session memo, the token-fresh
 * hint and the roll marker follow what the client was built with
 * (lib/session/sdk-config.ts), over the SDK's real cookies and the local tenant.
 */
import type { NextRequest, NextResponse } from "next/server";
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import type { Auth0ClientOptions, SessionData, SessionDataStore } from "@auth0/nextjs-auth0/types";
import { TOKEN_FRESH_COOKIE } from "@/lib/session/token-refresh";
import { linkingAuth0Options } from "@/lib/session/auth0-options";
import { LOCAL_APP_CLIENT } from "@/lib/local-tenant";
import { processSessionMemo } from "@/lib/session/memo";
import { SESSION_ROLLED_COOKIE, shouldRollSession } from "@/lib/session/rolling";
import { setupAccountLinking } from "@/lib/setup/setup-account-linking";
import { APP, Person, useLocalTenant } from "../support/app";
import { CookieJar, appRequest } from "../support/browser";
import { useSharedClock } from "../support/clock";
import { putCookie, setCookies } from "../support/linking";
import { captureLogs } from "../support/logs";

const clock = useSharedClock();
const { server } = useLocalTenant();
captureLogs();
afterEach(() => server.events.removeAllListeners());

const ENV = {
  AUTH0_DOMAIN: "http://localhost:4010",
  AUTH0_CLIENT_ID: LOCAL_APP_CLIENT.clientId,
  AUTH0_CLIENT_SECRET: LOCAL_APP_CLIENT.clientSecret,
  AUTH0_SECRET: "an-embedding-app-secret-of-at-least-32-characters",
  APP_BASE_URL: APP,
};
const DAY_MS = 86_400_000; // the tenant's access tokens last a day
const HOST_SESSION = "__Host-session";

/** An embedding app with its own client, its proxy the setup's (token refresh, roll marker), as proxy.ts is. */
function embeddingApp(options: Partial<Auth0ClientOptions>, sessionCookie: string) {
  const auth0 = new Auth0Client({
    domain: ENV.AUTH0_DOMAIN,
    clientId: ENV.AUTH0_CLIENT_ID,
    clientSecret: ENV.AUTH0_CLIENT_SECRET,
    secret: ENV.AUTH0_SECRET,
    appBaseUrl: APP,
    ...linkingAuth0Options(ENV),
    ...options,
    // The test's own session options replace linkingAuth0Options', so they call its roll hook as an app would.
    session: { ...options.session, beforeSessionRolled: (request) => shouldRollSession(request) },
  });
  const accountLinking = setupAccountLinking({ auth0, env: ENV });
  const { proxy } = accountLinking;
  const app = { proxy, linkStart: accountLinking.start, linkCallback: accountLinking.callback, unlink: accountLinking.unlink };
  let decryptions = 0;
  /** A page's session read, as `readPageSession` makes it: the process memo for this client, counting the SDK's reads. */
  const readPage = async (jar: CookieJar): Promise<SessionData | null> => {
    const request = appRequest(`${APP}/settings`, jar);
    return processSessionMemo(auth0).read(request.cookies, async () => {
      decryptions += 1;
      return auth0.getSession(request);
    });
  };
  return { person: () => new Person(app, sessionCookie), readPage, decryptions: () => decryptions, proxy };
}

function countTokenCalls(): () => string[] {
  const grants: string[] = [];
  server.events.on("request:start", ({ request }) => {
    if (new URL(request.url).pathname === "/oauth/token") void request.clone().text().then((body) => grants.push(new URLSearchParams(body).get("grant_type") ?? "?"));
  });
  return () => grants;
}

async function viewSettings(proxy: (request: NextRequest) => Promise<NextResponse>, person: Person): Promise<Response> {
  const response = await proxy(appRequest(`${APP}/settings`, person.app));
  person.app.store(response);
  await new Promise((resolve) => setImmediate(resolve));
  return response;
}

describe("an app whose session cookie is __Host-session", () => {
  const hostApp = () => embeddingApp({ session: { cookie: { name: HOST_SESSION } } }, HOST_SESSION);

  it("does not show the signed-in person to a request that carries only a planted __session cookie", async () => {
    const site = hostApp();
    const victim = site.person();
    await victim.signIn();
    // Tossed into the victim's browser by a sibling subdomain, and kept in the attacker's own.
    putCookie(victim.app, "__session", "x");
    const attacker = new CookieJar();
    putCookie(attacker, "__session", "x");

    expect((await site.readPage(victim.app))?.user.sub).toMatch(/^auth0\|/);
    expect(await site.readPage(attacker)).toBeNull();
  });

  it("still reads the genuine session once per 15 s, under the configured name", async () => {
    const site = hostApp();
    const person = site.person();
    await person.signIn();
    expect(person.app.get(HOST_SESSION)).toBeDefined();
    expect(person.app.get("__session")).toBeUndefined();

    const first = await site.readPage(person.app);
    clock.passMs(5_000);
    const second = await site.readPage(person.app);

    expect(second?.user.sub).toBe(first?.user.sub);
    expect(site.decryptions()).toBe(1);
  });

  it("refreshes the access token on Settings within a minute of expiry, and saves it under the configured name", async () => {
    const site = hostApp();
    const person = site.person();
    await person.signIn();
    const before = person.app.get(HOST_SESSION);
    const grants = countTokenCalls();
    clock.passMs(DAY_MS - 30_000);

    await viewSettings(site.proxy, person);

    expect(grants()).toEqual(["refresh_token"]);
    expect(person.app.get(HOST_SESSION)).not.toBe(before);
    expect(((await site.readPage(person.app))?.tokenSet.expiresAt ?? 0) * 1000).toBeGreaterThan(Date.now() + 3_600_000);
  });

  it("remembers a fresh token in the hint, and refreshes it once it nears expiry all the same", async () => {
    const site = hostApp();
    const person = site.person();
    await person.signIn();

    const [hint] = setCookies(await viewSettings(site.proxy, person), `${TOKEN_FRESH_COOKIE}=`);
    expect(hint).toMatch(new RegExp(`^${TOKEN_FRESH_COOKIE}=\\d+\\.[A-Za-z0-9_-]{22};`));
    const grants = countTokenCalls();
    clock.passMs(DAY_MS - 30_000);

    await viewSettings(site.proxy, person);

    expect(grants()).toEqual(["refresh_token"]);
  });

  it("remembers when the session was rolled, so the next views do not re-encrypt it", async () => {
    const site = hostApp();
    const person = site.person();
    await person.signIn();
    expect(person.app.get(SESSION_ROLLED_COOKIE)).toMatch(/^\d+$/);
    clock.passMinutes(1);

    const view = await viewSettings(site.proxy, person);

    expect(setCookies(view, `${HOST_SESSION}`)).toEqual([]);
  });
});

/** A stateful session store in memory, as an app would back with Redis or a database; counts its reads. */
function memoryStore(): SessionDataStore & { reads: () => number; dropAll: () => void } {
  const sessions = new Map<string, SessionData>();
  let reads = 0;
  return {
    get: async (id) => {
      reads += 1;
      return sessions.get(id) ?? null;
    },
    set: async (id, session) => {
      sessions.set(id, structuredClone(session));
    },
    delete: async (id) => {
      sessions.delete(id);
    },
    reads: () => reads,
    dropAll: () => sessions.clear(),
  };
}

describe("an app with a stateful session store", () => {
  it("asks the store on every page read: the memo never serves a stored session", async () => {
    const store = memoryStore();
    const site = embeddingApp({ sessionStore: store }, "__session");
    const person = site.person();
    await person.signIn();

    const readsBefore = store.reads();
    expect(await site.readPage(person.app)).not.toBeNull();
    expect(await site.readPage(person.app)).not.toBeNull();

    expect(store.reads() - readsBefore).toBe(2);
  });

  it("sees the person as signed out at once when the store drops their session (e.g. a back-channel logout)", async () => {
    const store = memoryStore();
    const site = embeddingApp({ sessionStore: store, session: { cookie: { name: HOST_SESSION } } }, HOST_SESSION);
    const person = site.person();
    await person.signIn();
    expect(await site.readPage(person.app)).not.toBeNull();

    store.dropAll();

    expect(await site.readPage(person.app)).toBeNull();
  });
});
