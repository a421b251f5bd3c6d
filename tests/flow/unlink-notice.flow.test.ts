/**
 * "Unlinked your GitHub account" on Settings only after an unlink that
 * happened. Settings' URL (`?unlink=unlinked&identity=…`) can be crafted, and
 * an identity missing from the list may never have been linked, so the
 * unlink route, after a real unlink, leaves a short-lived sealed cookie
 * naming the user and the identity; Settings (its own loader and
 * `<LinkedAccounts>`, with the cookies the browser sends) announces the
 * unlink only for that identity and that user.
 */
import { UNLINKED_COOKIE } from "@/lib/linking";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { identityIdsOf, putCookie, redirectOf, setCookies, useApp } from "../support/linking";
import { openSettings } from "../support/settings-page";

// Before the tenant and the app: both read the shared clock.
const clock = useSharedClock();
const { tenant } = useLocalTenant();
const running = useApp();

const GITHUB = "github|1000001";
const UNLINKED = "Unlinked your GitHub account. You can no longer sign in with it.";
const SILENT = { status: "", alert: null };

function settingsUrl(query: string): URL {
  return new URL(`${APP}/settings?${query}`);
}

async function signedIn(account: { email: string; connection: string } = ACCOUNTS.owner): Promise<Person> {
  const person = running.person();
  await person.signIn(account);
  return person;
}

describe("a crafted Settings URL", () => {
  it.each([
    ["a GitHub account the owner never linked", "github%7C1000001"],
    ["a made-up GitHub id", "github%7C424242"],
    ["someone else's GitHub account", "github%7C1000002"],
  ])("announces no unlink of %s", async (_label, identity) => {
    const person = await signedIn();

    expect(await openSettings(running, person, settingsUrl(`unlink=unlinked&identity=${identity}`))).toEqual(SILENT);
  });

  it("announces no unlink after an unlink of a made-up identity, and leaves no proof in the browser", async () => {
    const person = await signedIn();

    const response = await person.unlink("github|424242");

    expect(redirectOf(response).params).toEqual({ unlink: "identity_not_found", identity: "github|424242" });
    expect(setCookies(response, UNLINKED_COOKIE)).toEqual([]);
    expect(await openSettings(running, person, settingsUrl("unlink=unlinked&identity=github%7C424242"))).toEqual(SILENT);
  });
});

describe("after a real unlink", () => {
  async function ownerAfterUnlinkingGithub(): Promise<{ person: Person; response: Response }> {
    const person = await signedIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    const response = await person.unlink(GITHUB);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    return { person, response };
  }

  it("announces 'Unlinked your GitHub account' where the unlink led, from a sealed, HttpOnly, two-minute cookie scoped to Settings", async () => {
    const { person, response } = await ownerAfterUnlinkingGithub();

    expect(await openSettings(running, person, redirectOf(response))).toEqual({ status: UNLINKED, alert: null });
    const [cookie, ...others] = setCookies(response, `${UNLINKED_COOKIE}=`);
    expect(others).toEqual([]);
    expect(cookie?.split("; ").slice(1)).toEqual(["Path=/settings", "Max-Age=120", "HttpOnly", "SameSite=Lax"]);
    // Sealed: it names neither the person nor the identity.
    expect(decodeURIComponent(cookie ?? "")).not.toMatch(/github|1000001|65a000000000000000000001|owner/);
  });

  it("announces no unlink of another identity than the one unlinked", async () => {
    const { person } = await ownerAfterUnlinkingGithub();

    expect(await openSettings(running, person, settingsUrl("unlink=unlinked&identity=google-oauth2%7C100000000000000000001"))).toEqual(SILENT);
  });

  it("announces no unlink in another person's browser, even with the owner's cookie planted in it", async () => {
    const { person: owner, response } = await ownerAfterUnlinkingGithub();
    const intruder = await signedIn(ACCOUNTS.intruder);
    putCookie(intruder.app, UNLINKED_COOKIE, owner.app.get(UNLINKED_COOKIE) ?? "");

    expect(await openSettings(running, intruder, redirectOf(response))).toEqual(SILENT);
  });

  it("announces no unlink from a cookie that was tampered with", async () => {
    const { person, response } = await ownerAfterUnlinkingGithub();
    const sealed = person.app.get(UNLINKED_COOKIE) ?? "";
    putCookie(person.app, UNLINKED_COOKIE, `${sealed.slice(0, -1)}${sealed.endsWith("A") ? "B" : "A"}`);

    expect(await openSettings(running, person, redirectOf(response))).toEqual(SILENT);
  });

  it("stops announcing the unlink once two minutes have passed", async () => {
    const { person, response } = await ownerAfterUnlinkingGithub();

    clock.passMs(100_000);
    expect((await openSettings(running, person, redirectOf(response))).status).toBe(UNLINKED);
    clock.passMs(50_000);
    expect(await openSettings(running, person, redirectOf(response))).toEqual(SILENT);
  });
});
