/**
 * Linking adds a way to sign in that outlives the session and any password
 * change, so it needs a recent primary sign-in (LINK_MAX_SIGN_IN_AGE_MINUTES,
 * default 10). Time passes here for real: one shared clock moves the app, the
 * SDK and the local tenant together.
 *
 * After an older sign-in, "Link GitHub" first has the person sign in again
 * as themselves (max_age=0, their own connection, login_hint) through the
 * app's own callback: nothing reaches the GitHub login before that, and
 * signing in there as anyone else changes nothing. Back on Settings, the link
 * they asked for is ready to continue with one click.
 */
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { linkedAccountsData } from "@/lib/settings/linked-accounts-data";
import { LinkedAccounts } from "@/lib/ui/linked-accounts";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, rewriteSession, sessionOf, settingsRead, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const clock = useSharedClock();
const { tenant } = useLocalTenant();
// The property test below starts many links: lift the per-user limit so each run goes through.
const running = useApp({ LINK_THROTTLE_PER_MINUTE: "9999" });
const logs = captureLogs();

/** owner@example.com signs in and opens Settings (which reads their identities); returns the person and the tenant's time of the sign-in. */
async function ownerSignedIn(): Promise<{ person: Person; signedInAt: number }> {
  const person = running.person();
  await person.signIn();
  const signedInAt = tenant().nowSeconds();
  expect((await settingsRead(running, person)).ok).toBe(true);
  tenant().requestLog.length = 0;
  return { person, signedInAt };
}

/** Settings → Linked accounts as the server renders it for `person` and the URL's `params`. */
async function settingsPage(person: Person, params: Record<string, string>): Promise<string> {
  const session = await sessionOf(running, person.app);
  if (!session) throw new Error("not signed in");
  const data = await linkedAccountsData(running.services(), session.user, async () => session.tokenSet.accessToken);
  return renderToStaticMarkup(createElement(LinkedAccounts, { ...data, searchParams: params }));
}

/** The hidden fields of the form whose button reads `label`. */
function formFields(html: string, label: string): Record<string, string> | null {
  for (const [, body = ""] of html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)) {
    if (!body.replace(/<[^>]+>/g, "").includes(label)) continue;
    return Object.fromEntries([...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(([, name = "", value = ""]) => [name, value]));
  }
  return null;
}

describe("linking after a recent sign-in", () => {
  it("goes straight to the GitHub login when the owner signed in 9 minutes ago", async () => {
    const { person } = await ownerSignedIn();
    clock.passMinutes(9);

    const start = await person.startLink("github");

    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("connection")).toBe("github");
    expect(logs.events("link.fresh_sign_in_required")).toEqual([]);
    expect(redirectOf(await person.openCallback(await person.signInAtTenant(authorize.toString(), ACCOUNTS.ownerGithub))).params["link"]).toBe("linked");
  });
});

describe("linking after an old sign-in", () => {
  it("sends the owner to sign in again as themselves, with nothing sent to the GitHub login, then offers to continue, and one click links GitHub", async () => {
    const { person, signedInAt } = await ownerSignedIn();
    clock.passMinutes(20);

    // 1. "Link GitHub" 20 minutes after signing in: the tenant's login for the owner's own connection, not GitHub's.
    const start = await person.startLink("github");
    expect(start.status).toBe(303);
    expect(start.headers.get("cache-control")).toBe("no-store");
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${tenant().baseUrl}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      connection: "Username-Password-Authentication",
      login_hint: "owner@example.com",
      max_age: "0",
      redirect_uri: `${APP}/link/callback`,
      code_challenge_method: "S256",
    });
    expect(logs.events("link.fresh_sign_in_required")).toEqual([expect.objectContaining({ sub: OWNER_ID, connection: "github", sign_in_age_seconds: 20 * 60 })]);
    expect(logs.events("link.started")).toEqual([]);

    // 2. Signing in again as the owner: back on Settings with GitHub ready to continue, the session's sign-in time renewed.
    const back = await person.openCallback(await person.signInAtTenant(authorize.toString(), ACCOUNTS.owner));
    expect(back.headers.get("location")).toBe(`${APP}/settings?continue=github`);
    const session = await sessionOf(running, person.app);
    expect(session?.user.sub).toBe(OWNER_ID);
    expect(session?.user["auth_time"]).toBe(signedInAt + 20 * 60);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);

    // 3. Settings shows "Continue linking GitHub", a plain form (no JavaScript needed).
    const page = await settingsPage(person, { continue: "github" });
    expect(page).toContain("You&#x27;ve confirmed it&#x27;s you. Next, sign in with the GitHub account you want to link.");
    const fields = formFields(page, "Continue linking GitHub");
    expect(fields).toEqual({ connection: "github" });

    // 4. One click: the GitHub login, then the link.
    const next = await person.startLink("github");
    expect(new URL(next.headers.get("location") ?? "").searchParams.get("connection")).toBe("github");
    const linked = redirectOf(await person.openCallback(await person.signInAtTenant(next.headers.get("location") ?? "", ACCOUNTS.ownerGithub)));
    expect(linked.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
  });

  it("changes nothing and says so when the person signs in again as someone else", async () => {
    const { person, signedInAt } = await ownerSignedIn();
    clock.passMinutes(20);

    const start = await person.startLink("github");
    const result = redirectOf(await person.openCallback(await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.intruder)));

    expect(result.params).toEqual({ link: "reauthenticated_as_other" });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(
      "You signed in again as a different account than the one you're using here, so nothing was changed. To link an account, try again and sign in as yourself.",
    );
    const session = await sessionOf(running, person.app);
    expect(session?.user.sub).toBe(OWNER_ID);
    expect(session?.user["auth_time"]).toBe(signedInAt);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);
    expect(logs.events("link.reauthentication_refused")).toEqual([expect.objectContaining({ sub: OWNER_ID, signed_in: "auth0|65a000000000000000000003" })]);
    // And "Link GitHub" still asks for a fresh sign-in first.
    expect(new URL((await person.startLink("github")).headers.get("location") ?? "").searchParams.get("connection")).toBe("Username-Password-Authentication");
  });

  it("links nothing when a link started from a fresh session ends in a session whose sign-in is old", async () => {
    const { person, signedInAt } = await ownerSignedIn();
    const start = await person.startLink("github");
    expect(new URL(start.headers.get("location") ?? "").searchParams.get("connection")).toBe("github");
    // The browser's session is replaced by an older one of the same person (say, a cookie kept from earlier).
    await rewriteSession(running, person, (session) => ({ ...session, user: { ...session.user, auth_time: signedInAt - 3600 } }));

    const result = redirectOf(await person.openCallback(await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub)));

    expect(result.params).toEqual({ link: "sign_in_too_old" });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(
      "You signed in too long ago to add a way to sign in, so nothing was linked. Choose the account to link again: you'll be asked to sign in again first.",
    );
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);
  });

  it("tells Settings that linking will ask for a fresh sign-in once the sign-in is older than 10 minutes", async () => {
    const { person } = await ownerSignedIn();
    const user = async (): Promise<{ sub: string }> => (await sessionOf(running, person.app))?.user ?? { sub: "" };
    clock.passMinutes(10);
    expect(running.services().linking.linkNeedsFreshSignIn(await user())).toBe(false);
    clock.passMinutes(1);
    expect(running.services().linking.linkNeedsFreshSignIn(await user())).toBe(true);
    const page = await settingsPage(person, { continue: "github" });
    expect(page).toContain("Because you signed in a while ago, you&#x27;ll be asked to sign in again first.");
    expect(page).toContain("You&#x27;ll be asked to sign in again first, because you signed in a while ago.");
  });
});

describe("the sign-in age that linking accepts, for any auth_time", () => {
  it("goes to the GitHub login exactly when the session's sign-in is at most 10 minutes old, and otherwise has the owner sign in again first", async () => {
    const { person } = await ownerSignedIn();
    const nowSeconds = Math.floor(Date.now() / 1000);
    const ages = fc.oneof(
      // Around the boundary, and anywhere in a day (negative: a tenant clock slightly ahead of ours).
      fc.integer({ min: 595, max: 605 }),
      fc.integer({ min: -120, max: 86_400 }),
    );
    const unknown = fc.constantFrom<unknown>(undefined, null, "1700000000", true, {}, []);
    await fc.assert(
      fc.asyncProperty(fc.oneof(ages.map((age) => ({ age })), unknown.map((authTime) => ({ authTime }))), async (signIn) => {
        const authTime = "age" in signIn ? nowSeconds - signIn.age : signIn.authTime;
        await rewriteSession(running, person, (session) => {
          const { auth_time: _dropped, ...user } = session.user;
          return { ...session, user: authTime === undefined ? user : { ...user, auth_time: authTime } };
        });
        const authorize = new URL((await person.startLink("github")).headers.get("location") ?? "");
        const recent = "age" in signIn && signIn.age <= 600;
        expect(authorize.searchParams.get("connection")).toBe(recent ? "github" : "Username-Password-Authentication");
        expect(authorize.searchParams.get("max_age")).toBe("0");
      }),
      { numRuns: 60 },
    );
    expect(identityCalls(tenant())).toEqual([]);
  });
});
