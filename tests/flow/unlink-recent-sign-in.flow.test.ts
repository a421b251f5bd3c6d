/**
 * Unlinking removes a way to sign in, so it needs a recent primary sign-in
 * (UNLINK_MAX_SIGN_IN_AGE_MINUTES, default 10). Time passes here for real:
 * one shared clock moves the app, the SDK and the local tenant together.
 *
 * A recent sign-in unlinks at once. An old one unlinks nothing: the person is
 * sent to sign in again with `max_age=0` (so the tenant's single sign-on cannot
 * answer silently) and comes back to Settings with the confirmation for the
 * identity they asked about open; one more click unlinks it.
 */
import { identityToConfirm, linkedIdentities } from "@/lib/ui/linked-identity";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { identityCalls, identityIdsOf, openAuthorize, redirectOf, rewriteSession, sessionOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const clock = useSharedClock();
const { tenant } = useLocalTenant();
const running = useApp();
const logs = captureLogs();

/** Where a stale unlink of GitHub sends the browser. */
const FRESH_SIGN_IN_FOR_GITHUB = `${APP}/auth/login?returnTo=%2Fsettings%3Fconfirm%3Dgithub%257C1000001&max_age=0`;

/** owner@example.com signs in and links GitHub; returns the person and the tenant's time of the sign-in. */
async function ownerWithGithubLinked(): Promise<{ person: Person; signedInAt: number }> {
  const person = running.person();
  await person.signIn();
  const signedInAt = tenant().nowSeconds();
  expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
  tenant().requestLog.length = 0;
  return { person, signedInAt };
}

/** Opens a URL of the app through its proxy (the SDK's /auth/* routes), as the browser would. */
async function openInApp(person: Person, url: string): Promise<Response> {
  const response = await running.app().proxy(running.request(url, person.app));
  person.app.store(response);
  return response;
}

describe("unlinking after a recent sign-in", () => {
  it("keeps the time of the sign-in in the session, as the tenant's ID token gave it", async () => {
    const { person, signedInAt } = await ownerWithGithubLinked();
    const session = await sessionOf(running, person.app);
    expect(session?.user["auth_time"]).toBe(signedInAt);
    // Only the SDK's default claims and auth_time: nothing else from the ID token is kept.
    expect(Object.keys(session?.user ?? {}).sort()).toEqual(["auth_time", "email", "email_verified", "name", "nickname", "picture", "sub"]);
  });

  it("unlinks GitHub at once when the owner signed in 9 minutes ago", async () => {
    const { person } = await ownerWithGithubLinked();
    clock.passMinutes(9);

    const result = redirectOf(await person.unlink("github|1000001"));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ unlink: "unlinked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(logs.events("unlink.fresh_sign_in_required")).toEqual([]);
  });
});

describe("unlinking after an old sign-in", () => {
  it("unlinks nothing and sends the owner to sign in again, then back to the open confirmation, where one click unlinks GitHub", async () => {
    const { person, signedInAt } = await ownerWithGithubLinked();
    clock.passMinutes(20);

    // 1. Confirming "Unlink GitHub" 20 minutes after signing in.
    const stale = await person.unlink("github|1000001");
    expect(stale.status).toBe(303);
    expect(stale.headers.get("location")).toBe(FRESH_SIGN_IN_FOR_GITHUB);
    expect(stale.headers.get("cache-control")).toBe("no-store");
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(logs.events("unlink.fresh_sign_in_required")).toEqual([
      expect.objectContaining({ sub: OWNER_ID, identity: "github|1000001", sign_in_age_seconds: 20 * 60 }),
    ]);
    expect(logs.events("unlink.finished")).toEqual([]);

    // 2. The SDK's login forwards max_age=0 to the tenant...
    const login = await openInApp(person, FRESH_SIGN_IN_FOR_GITHUB);
    const authorize = new URL(login.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${tenant().baseUrl}/authorize`);
    expect(authorize.searchParams.get("max_age")).toBe("0");
    // ...which shows its login page although the owner's single sign-on session is still there.
    const page = await openAuthorize(authorize, person.tenant);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="transaction"');

    // 3. Signing in again as the owner lands on Settings with the GitHub confirmation open.
    const callback = await person.signInAtTenant(authorize.toString(), ACCOUNTS.owner);
    const landing = await openInApp(person, callback.toString());
    expect(landing.headers.get("location")).toBe(`${APP}/settings?confirm=github%7C1000001`);
    const session = await sessionOf(running, person.app);
    expect(session?.user.sub).toBe(OWNER_ID);
    expect(session?.user["auth_time"]).toBe(signedInAt + 20 * 60);
    const owner = tenant().getUser(OWNER_ID);
    if (!owner) throw new Error("the owner exists");
    const confirming = identityToConfirm(linkedIdentities(owner), new URL(landing.headers.get("location") ?? "").searchParams.get("confirm") ?? undefined);
    expect(confirming?.id).toBe("github|1000001");
    expect(confirming?.account).toBe("owner.github@example.com");
    expect(running.services().linking.unlinkNeedsFreshSignIn(session?.user ?? { sub: "" })).toBe(false);

    // 4. One more click on the open confirmation unlinks GitHub.
    const result = redirectOf(await person.unlink("github|1000001"));
    expect(result.params).toEqual({ unlink: "unlinked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([{ method: "DELETE", path: `/api/v2/users/${OWNER_ID}/identities/github/1000001`, status: 200 }]);
  });

  it("tells Settings to warn about the new sign-in before the owner confirms", async () => {
    const { person } = await ownerWithGithubLinked();
    const unlinking = running.services().linking;
    const user = async (): Promise<{ sub: string }> => (await sessionOf(running, person.app))?.user ?? { sub: "" };

    clock.passMinutes(10);
    expect(unlinking.unlinkNeedsFreshSignIn(await user())).toBe(false);
    clock.passMinutes(1);
    expect(unlinking.unlinkNeedsFreshSignIn(await user())).toBe(true);
  });

  it("does not count a token refresh as a sign-in: the refreshed session keeps the old sign-in time", async () => {
    const { person, signedInAt } = await ownerWithGithubLinked();
    clock.passMinutes(20);
    // The access token has run out; opening Settings refreshes it (and the ID token) through the proxy.
    await rewriteSession(running, person, (session) => ({ ...session, tokenSet: { ...session.tokenSet, expiresAt: Math.floor(Date.now() / 1000) - 10 } }));
    const before = (await sessionOf(running, person.app))?.tokenSet.accessToken;
    await openInApp(person, `${APP}/settings`);
    const refreshed = await sessionOf(running, person.app);
    expect(refreshed?.tokenSet.accessToken).not.toBe(before);
    expect(refreshed?.user["auth_time"]).toBe(signedInAt);

    const stale = await person.unlink("github|1000001");
    expect(stale.headers.get("location")).toBe(FRESH_SIGN_IN_FOR_GITHUB);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
  });

  it("asks for a new sign-in when the session does not say when the owner signed in (a session from before this check)", async () => {
    const { person } = await ownerWithGithubLinked();
    await rewriteSession(running, person, (session) => {
      const { auth_time: _dropped, ...user } = session.user;
      return { ...session, user };
    });

    const stale = await person.unlink("github|1000001");

    expect(stale.headers.get("location")).toBe(FRESH_SIGN_IN_FOR_GITHUB);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    const [event, ...others] = logs.events("unlink.fresh_sign_in_required");
    expect(others).toEqual([]);
    expect(event).toMatchObject({ sub: OWNER_ID, identity: "github|1000001" });
    // The age is unknown, so the line carries none.
    expect(event).not.toHaveProperty("sign_in_age_seconds");
  });

  it.each([
    ["names no linked account", "nope", { unlink: "invalid_identity" }],
    ["names the primary sign-in", OWNER_ID, { unlink: "primary_identity", identity: OWNER_ID }],
  ])("answers at once, without a new sign-in, when the request %s", async (_what, identity, params) => {
    const { person } = await ownerWithGithubLinked();
    clock.passMinutes(20);

    const result = redirectOf(await person.unlink(identity));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual(params);
    expect(identityCalls(tenant())).toEqual([]);
  });

  it("keeps the person on this site and the identity inside the confirm parameter, whatever the identity holds", async () => {
    const { person } = await ownerWithGithubLinked();
    clock.passMinutes(20);
    const identity = "github|1000001&returnTo=https://evil.example/#x";

    const stale = new URL((await person.unlink(identity)).headers.get("location") ?? "");

    expect(`${stale.origin}${stale.pathname}`).toBe(`${APP}/auth/login`);
    expect([...stale.searchParams.keys()]).toEqual(["returnTo", "max_age"]);
    const returnTo = new URL(stale.searchParams.get("returnTo") ?? "", APP);
    expect(returnTo.origin).toBe(APP);
    expect(returnTo.pathname).toBe("/settings");
    expect(Object.fromEntries(returnTo.searchParams)).toEqual({ confirm: identity });
    expect(identityCalls(tenant())).toEqual([]);
  });
});
