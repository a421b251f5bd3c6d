/**
 * The cookies the app sets while a person signs in and links an account: the
 * SDK's session (`__session`, and our marker of its last roll) and sign-in transaction (`__txn_…`), and our
 * linking transaction (`__link_txn_…`, set and deleted). Served over https
 * they are all `Secure`; on http://localhost (development) they cannot be,
 * and are still `HttpOnly` and `SameSite=Lax`.
 */
import type { NextResponse } from "next/server";
import { ACCOUNTS, useLocalTenant } from "../support/app";
import { CookieJar, appRequest, signInAtTenant } from "../support/browser";
import { useApp, type RunningApp } from "../support/linking";
import { captureLogs } from "../support/logs";

captureLogs();

/** Every `Set-Cookie` line the app answered with while `origin`'s owner signs in and links GitHub, by cookie name prefix. */
async function cookiesWhileSigningInAndLinking(running: RunningApp, origin: string): Promise<{ lines: string[]; linked: string | null }> {
  const app = running.app();
  const jar = new CookieJar();
  const tenantJar = new CookieJar();
  const lines: string[] = [];
  const keep = (response: NextResponse): NextResponse => {
    lines.push(...response.headers.getSetCookie());
    jar.store(response);
    return response;
  };

  const login = keep(await app.proxy(appRequest(`${origin}/auth/login?returnTo=%2Fsettings`, jar)));
  const signedIn = await signInAtTenant(login.headers.get("location") ?? "", tenantJar, ACCOUNTS.owner);
  keep(await app.proxy(appRequest(signedIn.toString(), jar)));

  const start = keep(
    await app.linkStart(
      appRequest(`${origin}/link/start`, jar, {
        method: "POST",
        headers: { origin, "content-type": "application/x-www-form-urlencoded" },
        body: "connection=github",
      }),
    ),
  );
  const back = await signInAtTenant(start.headers.get("location") ?? "", tenantJar, ACCOUNTS.ownerGithub);
  const done = keep(await app.linkCallback(appRequest(back.toString(), jar)));
  return { lines, linked: new URL(done.headers.get("location") ?? "").searchParams.get("link") };
}

function named(lines: readonly string[], prefix: string): string[] {
  return lines.filter((line) => line.startsWith(prefix));
}

function attributesOf(line: string): string[] {
  return line
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase());
}

describe("served over https (APP_BASE_URL=https://app.example.com)", () => {
  const ORIGIN = "https://app.example.com";
  useLocalTenant({ appBaseUrl: ORIGIN });
  const running = useApp({ APP_BASE_URL: ORIGIN });

  it("marks the session cookie, the SDK's sign-in transaction and the linking transaction cookies Secure, HttpOnly and SameSite=Lax", async () => {
    const { lines, linked } = await cookiesWhileSigningInAndLinking(running, ORIGIN);

    expect(linked).toBe("linked");
    expect(named(lines, "__session")).not.toEqual([]);
    expect(named(lines, "__txn_")).not.toEqual([]);
    // When the session was last rolled (lib/session/rolling.ts), set with the session at sign-in.
    expect(named(lines, "__session_rolled=")).toHaveLength(1);
    // Set at the start, deleted by the callback.
    expect(named(lines, "__link_txn_")).toHaveLength(2);
    for (const line of lines) {
      const attributes = attributesOf(line);
      expect([line.split("=")[0], attributes]).toEqual([line.split("=")[0], expect.arrayContaining(["secure", "httponly", "samesite=lax"])]);
    }
  });
});

describe("in development on http://localhost", () => {
  useLocalTenant();
  const running = useApp();

  it("marks the session cookie, the SDK's sign-in transaction and the linking transaction cookies HttpOnly and SameSite=Lax (Secure cannot work on http)", async () => {
    const { lines, linked } = await cookiesWhileSigningInAndLinking(running, "http://localhost:3000");

    expect(linked).toBe("linked");
    for (const prefix of ["__session", "__txn_", "__link_txn_"]) expect(named(lines, prefix)).not.toEqual([]);
    for (const line of lines) {
      const attributes = attributesOf(line);
      expect([line.split("=")[0], attributes]).toEqual([line.split("=")[0], expect.arrayContaining(["httponly", "samesite=lax"])]);
      expect(attributes).not.toContain("secure");
    }
  });
});
