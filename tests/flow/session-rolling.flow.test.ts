/**
 * The primary session is rolled (its cookie re-encrypted with a later
 * inactivity deadline) at most every five minutes, not on every page view:
 * a marker cookie remembers the last roll. Nothing else about the session
 * changes: it still ends a day after it was last rolled.
 */
import { SESSION_ROLL_INTERVAL_SECONDS, SESSION_ROLLED_COOKIE } from "@/lib/session/rolling";
import { APP, useLocalTenant } from "../support/app";
import { appRequest } from "../support/browser";
import { useSharedClock } from "../support/clock";
import { putCookie, setCookies, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const clock = useSharedClock();
useLocalTenant();
const running = useApp();
captureLogs();

const INTERVAL_MS = SESSION_ROLL_INTERVAL_SECONDS * 1000;

async function view(person: ReturnType<typeof running.person>, path = "/") {
  const response = await running.app().proxy(appRequest(`${APP}${path}`, person.app));
  person.app.store(response);
  return { sessionWritten: setCookies(response, "__session").some((cookie) => !cookie.startsWith(SESSION_ROLLED_COOKIE)), marker: setCookies(response, SESSION_ROLLED_COOKIE) };
}

describe("keeping a signed-in person's session alive", () => {
  it("remembers the sign-in as a roll, so the next page views do not rewrite the session cookie", async () => {
    const person = running.person();
    await person.signIn();
    expect(person.app.get(SESSION_ROLLED_COOKIE)).toBe(String(Math.floor(Date.now() / 1000)));

    clock.passMs(INTERVAL_MS - 1000);
    expect(await view(person)).toEqual({ sessionWritten: false, marker: [] });
    expect(await view(person, "/settings")).toEqual({ sessionWritten: false, marker: [] });
  });

  it("rolls the session again once five minutes have passed, and renews the marker", async () => {
    const person = running.person();
    await person.signIn();
    const before = person.app.get("__session");
    clock.passMs(INTERVAL_MS);

    const rolled = await view(person);

    expect(rolled.sessionWritten).toBe(true);
    expect(person.app.get("__session")).not.toBe(before);
    expect(rolled.marker).toEqual([expect.stringMatching(new RegExp(`^${SESSION_ROLLED_COOKIE}=${Math.floor(Date.now() / 1000)};`))]);
    expect(await view(person)).toMatchObject({ sessionWritten: false });
  });

  it("sets the marker HttpOnly, SameSite=Lax, for the whole site, expiring with the interval", async () => {
    const person = running.person();
    await person.signIn();
    clock.passMs(INTERVAL_MS);
    const [marker] = (await view(person)).marker;
    expect(marker).toMatch(/; Path=\//);
    expect(marker).toMatch(/; HttpOnly/i);
    expect(marker).toMatch(/; SameSite=lax/i);
    expect(marker).toMatch(new RegExp(`; Max-Age=${SESSION_ROLL_INTERVAL_SECONDS}`));
  });

  it.each([
    ["missing", null],
    ["not a number", "soon"],
    ["from the future", String(Math.floor(Date.UTC(2100, 0, 1) / 1000))],
  ])("rolls the session when the marker is %s", async (_case, value) => {
    const person = running.person();
    await person.signIn();
    if (value === null) putCookie(person.app, SESSION_ROLLED_COOKIE, "");
    else putCookie(person.app, SESSION_ROLLED_COOKIE, value);
    expect(await view(person)).toMatchObject({ sessionWritten: true });
  });

  it("still ends the session a day after its last roll, whatever the marker says", async () => {
    const person = running.person();
    await person.signIn();
    clock.passMs(24 * 3600 * 1000 + 60_000); // past the SDK's 15 s clock tolerance
    putCookie(person.app, SESSION_ROLLED_COOKIE, String(Math.floor(Date.now() / 1000)));

    await view(person);

    expect(await running.services().auth0.getSession(appRequest(`${APP}/`, person.app))).toBeNull();
  });
});
