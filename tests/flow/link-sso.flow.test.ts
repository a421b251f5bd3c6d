/**
 * Known trap 2: the tenant's single sign-on session answers the second login
 * with the person already signed in, without asking. The app asks for a fresh
 * login (`max_age=0`) and then checks the ID token's `auth_time`, so even a
 * login answered silently (the URL edited, or a tenant that ignores `max_age`)
 * links nothing.
 */
import { ACCOUNTS, APP, OWNER_ID, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, noticeFor, openAuthorize, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

/** The tenant's clock, offset from the real one (the app keeps the real clock). */
let tenantClockOffsetMs = 0;
const { tenant } = useLocalTenant({ now: () => Date.now() + tenantClockOffsetMs });
const running = useApp();
const logs = captureLogs();

beforeEach(() => {
  tenantClockOffsetMs = 0;
});

describe("the tenant's single sign-on session during a link", () => {
  it("links nothing when the tenant silently answers with the owner's hour-old session instead of asking for another account", async () => {
    const person = running.person();
    // The owner signed in an hour ago; the tenant still has that session.
    tenantClockOffsetMs = -3_600_000;
    await person.signIn();
    tenantClockOffsetMs = 0;

    const start = await person.startLink("github");
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("max_age")).toBe("0");
    // Without max_age the tenant does what single sign-on does: it answers at once, as the owner.
    authorize.searchParams.delete("max_age");
    const silent = await openAuthorize(authorize, person.tenant);
    expect(silent.status).toBe(302);
    const back = new URL(silent.headers.get("location") ?? "");
    expect(back.origin + back.pathname).toBe(`${APP}/link/callback`);

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "verification_failed" });
    expect(identityCalls(tenant())).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("The other sign-in could not be verified, so nothing was linked. Please try again.");
    expect(logs.events("link.id_token_refused")).toEqual([expect.objectContaining({ problem: "auth_time" })]);
  });

  it("still shows the tenant's login page to a person whose tenant session is fresh, and links the account they choose", async () => {
    const person = running.person();
    await person.signIn();
    const start = await person.startLink("github");

    const page = await openAuthorize(start.headers.get("location") ?? "", person.tenant);
    expect(page.status).toBe(200);
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
  });
});
