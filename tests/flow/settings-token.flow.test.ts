/**
 * The proxy keeps the user's access token usable for Settings: it refreshes
 * (and saves) a token near expiry, and leaves a fresh one alone without
 * calling the tenant. A check is remembered in the `__token_fresh` hint, which
 * holds only for the session cookie it was made for and only until the token
 * nears expiry.
 */
import { TOKEN_FRESH_COOKIE } from "@/lib/session/token-refresh";
import { APP, useLocalTenant } from "../support/app";
import { appRequest } from "../support/browser";
import { useSharedClock } from "../support/clock";
import { putCookie, setCookies, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const clock = useSharedClock();
const { server } = useLocalTenant();
const running = useApp();
captureLogs();

function countTokenCalls(): () => string[] {
  const grants: string[] = [];
  server.events.on("request:start", ({ request }) => {
    if (new URL(request.url).pathname === "/oauth/token") void request.clone().text().then((body) => grants.push(new URLSearchParams(body).get("grant_type") ?? "?"));
  });
  return () => grants;
}

afterEach(() => server.events.removeAllListeners());

describe("opening Settings with a signed-in session", () => {
  it("does not call the tenant while the access token is fresh", async () => {
    const person = running.person();
    await person.signIn();
    const grants = countTokenCalls();

    const response = await running.app().proxy(appRequest(`${APP}/settings`, person.app));

    expect(response.headers.get("x-middleware-next")).toBe("1");
    await new Promise((resolve) => setImmediate(resolve));
    expect(grants()).toEqual([]);
  });

  it("refreshes a token within a minute of expiry and saves the renewed session", async () => {
    const person = running.person();
    await person.signIn();
    const before = person.app.get("__session");
    const grants = countTokenCalls();
    clock.passMs(86_400_000 - 30_000); // the tenant's access tokens last a day

    const response = await running.app().proxy(appRequest(`${APP}/settings`, person.app));
    person.app.store(response);

    await new Promise((resolve) => setImmediate(resolve));
    expect(grants()).toEqual(["refresh_token"]);
    expect(person.app.get("__session")).not.toBe(before);
    const session = await running.services().auth0.getSession(appRequest(`${APP}/settings`, person.app));
    expect((session?.tokenSet.expiresAt ?? 0) * 1000).toBeGreaterThan(Date.now() + 3_600_000);
  });
});

const DAY_MS = 86_400_000; // the tenant's access tokens last a day

async function viewSettings(person: ReturnType<typeof running.person>): Promise<Response> {
  const response = await running.app().proxy(appRequest(`${APP}/settings`, person.app));
  person.app.store(response);
  await new Promise((resolve) => setImmediate(resolve));
  return response;
}

describe("remembering that the token is fresh", () => {
  it("remembers a fresh token in an HttpOnly, SameSite=Lax hint that expires a minute before the token", async () => {
    const person = running.person();
    await person.signIn();

    const [hint] = setCookies(await viewSettings(person), `${TOKEN_FRESH_COOKIE}=`);

    const freshUntil = Math.floor((Date.now() + DAY_MS - 60_000) / 1000);
    expect(hint).toMatch(new RegExp(`^${TOKEN_FRESH_COOKIE}=${freshUntil}\\.[A-Za-z0-9_-]{22};`));
    expect(hint).toMatch(/; Path=\//);
    expect(hint).toMatch(/; HttpOnly/i);
    expect(hint).toMatch(/; SameSite=lax/i);
    const maxAge = Number(/; Max-Age=(\d+)/.exec(hint ?? "")?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual((DAY_MS - 60_000) / 1000 - 2);
    expect(maxAge).toBeLessThanOrEqual((DAY_MS - 60_000) / 1000);
    // Held: the next views neither set it again nor call the tenant.
    const grants = countTokenCalls();
    expect(setCookies(await viewSettings(person), TOKEN_FRESH_COOKIE)).toEqual([]);
    expect(grants()).toEqual([]);
  });

  it("still refreshes the token when it nears expiry, although the hint was set earlier", async () => {
    const person = running.person();
    await person.signIn();
    await viewSettings(person);
    expect(person.app.get(TOKEN_FRESH_COOKIE)).toBeDefined();
    const grants = countTokenCalls();
    clock.passMs(DAY_MS - 30_000);

    await viewSettings(person);

    expect(grants()).toEqual(["refresh_token"]);
  });

  it("refreshes a token near expiry when the hint was made for another session", async () => {
    const early = running.person();
    await early.signIn();
    clock.passMs(DAY_MS / 2);
    const later = running.person();
    await later.signIn();
    await viewSettings(later);
    const othersHint = later.app.get(TOKEN_FRESH_COOKIE);
    if (othersHint === undefined) throw new Error("no hint");
    clock.passMs(DAY_MS / 2 - 30_000); // the early session's token is within a minute of expiry; the later one's is not
    putCookie(early.app, TOKEN_FRESH_COOKIE, othersHint);
    const grants = countTokenCalls();

    await viewSettings(early);

    expect(grants()).toEqual(["refresh_token"]);
  });

  it.each([
    ["not a hint", "fresh"],
    ["for a session cookie that was replaced", "9999999999.AAAAAAAAAAAAAAAAAAAAAA"],
  ])("ignores a hint that is %s", async (_case, value) => {
    const person = running.person();
    await person.signIn();
    putCookie(person.app, TOKEN_FRESH_COOKIE, value);
    clock.passMs(DAY_MS - 30_000);
    const grants = countTokenCalls();

    await viewSettings(person);

    expect(grants()).toEqual(["refresh_token"]);
  });

  it("does not set the hint for a signed-out visitor", async () => {
    const person = running.person();
    expect(setCookies(await viewSettings(person), TOKEN_FRESH_COOKIE)).toEqual([]);
  });
});
