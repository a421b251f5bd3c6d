/**
 * Pages read the signed-in session through a short memo (lib/session/memo.ts)
 * instead of decrypting the same cookie on every view. Here over the SDK's
 * real cookies, as a person's browser holds them: the memo saves the
 * decryption and changes nothing about who is signed in.
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { createSessionMemo } from "@/lib/session/memo";
import { APP, useLocalTenant } from "../support/app";
import { appRequest, type CookieJar } from "../support/browser";
import { useSharedClock } from "../support/clock";
import { putCookie, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const clock = useSharedClock();
useLocalTenant();
const running = useApp();
captureLogs();

/** A page's session read through `memo`, as `readPageSession` makes it; counts the SDK's decryptions. */
function pageReader() {
  const memo = createSessionMemo();
  let decryptions = 0;
  const read = async (jar: CookieJar): Promise<SessionData | null> => {
    const request = appRequest(`${APP}/settings`, jar);
    return memo.read(request.cookies, async () => {
      decryptions += 1;
      return running.services().auth0.getSession(request);
    });
  };
  return { read, decryptions: () => decryptions };
}

describe("reading the signed-in person for a page", () => {
  it("shows the same person on the next view without decrypting the cookie again", async () => {
    const person = running.person();
    await person.signIn();
    const page = pageReader();

    const first = await page.read(person.app);
    clock.passMs(5_000);
    const second = await page.read(person.app);

    expect(second?.user.sub).toBe(first?.user.sub);
    expect(second?.user.sub).toMatch(/^auth0\|/);
    expect(page.decryptions()).toBe(1);
  });

  it("refuses a tampered session cookie even right after the genuine one was read", async () => {
    const person = running.person();
    await person.signIn();
    const page = pageReader();
    expect(await page.read(person.app)).not.toBeNull();

    const genuine = person.app.get("__session") ?? "";
    const middle = Math.floor(genuine.length / 2);
    putCookie(person.app, "__session", `${genuine.slice(0, middle)}${genuine[middle] === "A" ? "B" : "A"}${genuine.slice(middle + 1)}`);

    expect(await page.read(person.app)).toBeNull();
    expect(page.decryptions()).toBe(2);
  });

  it("sees nobody once the person has signed out", async () => {
    const person = running.person();
    await person.signIn();
    const page = pageReader();
    expect(await page.read(person.app)).not.toBeNull();

    person.app.store(await running.app().proxy(appRequest(`${APP}/auth/logout`, person.app)));

    expect(person.app.get("__session") ?? "").toBe("");
    expect(await page.read(person.app)).toBeNull();
  });

  it("never serves a session past its cookie's end, however recently it was read", async () => {
    const person = running.person();
    await person.signIn();
    const page = pageReader();
    // The cookie ends a day after it was written.
    clock.passMs(86_400_000 - 5_000);
    expect(await page.read(person.app)).not.toBeNull();

    clock.passMs(6_000);
    // Past its end the memo asks the SDK again (which allows 15 s of clock skew, so still answers) …
    expect(await page.read(person.app)).not.toBeNull();
    expect(page.decryptions()).toBe(2);
    clock.passMs(15_000);
    // … and then refuses it.
    expect(await page.read(person.app)).toBeNull();
  });

  it("shows the renewed access token right after the proxy refreshed it", async () => {
    const person = running.person();
    await person.signIn();
    const page = pageReader();
    const before = await page.read(person.app);
    clock.passMs(86_400_000 - 30_000); // the tenant's access tokens last a day; the proxy refreshes within a minute of expiry

    person.app.store(await running.app().proxy(appRequest(`${APP}/settings`, person.app)));
    const after = await page.read(person.app);

    expect(after?.tokenSet.accessToken).toBeDefined();
    expect(after?.tokenSet.accessToken).not.toBe(before?.tokenSet.accessToken);
    expect((after?.tokenSet.expiresAt ?? 0) * 1000).toBeGreaterThan(Date.now() + 3_600_000);
  });
});
