/**
 * The proxy keeps the user's access token usable for Settings: it refreshes
 * (and saves) a token near expiry, and leaves a fresh one alone without
 * calling the tenant.
 */
import { APP, useLocalTenant } from "../support/app";
import { appRequest } from "../support/browser";
import { useSharedClock } from "../support/clock";
import { useApp } from "../support/linking";
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
