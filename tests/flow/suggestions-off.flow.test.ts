/**
 * Suggested accounts without a machine-to-machine client (the default
 * configuration): Settings suggests nothing and costs what it cost before (one
 * user read, issue #5), yet a `suggested` field sent to /link/start by hand is
 * still held to: only a sign-in as that account could be linked.
 */
import { ACCOUNTS, MODE, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { settingsView } from "../support/suggestions";

const { server, tenant } = useLocalTenant();
const running = useApp();
captureLogs();

let appCalls: string[] = [];
beforeAll(() => {
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    if (/^\/(oauth\/token|api\/v2\/)/.test(url.pathname)) appCalls.push(`${request.method} ${decodeURIComponent(url.pathname)}`);
  });
});

async function signedInOwner(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  appCalls = [];
  return person;
}

// Server-side mode cannot run without a machine-to-machine client (it reads and links with it), so this is link_with only.
const describeWithoutMachineClient = MODE === "link_with" ? describe : describe.skip;

describeWithoutMachineClient("without a machine-to-machine client", () => {
  it("Settings suggests nothing and reads only the user", async () => {
    const person = await signedInOwner();

    const view = await settingsView(running, person);

    expect(view.read.ok).toBe(true);
    expect(view.suggestions).toEqual([]);
    expect(view.html).toBe("");
    expect(appCalls).toEqual([`GET /api/v2/users/${OWNER_ID}`]);
  });

  it("a suggested id sent by hand still links nothing but the account signed in as", async () => {
    const person = await signedInOwner();

    const start = await person.startLink("github", { suggested: "github|1000003" });
    expect(new URL(start.headers.get("location") ?? "").searchParams.has("login_hint")).toBe(false);
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "different_account" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityCalls(tenant())).toEqual([]);
  });

  it("a suggested id sent by hand links that account when the person signs in as it", async () => {
    const person = await signedInOwner();

    const start = await person.startLink("github", { suggested: "github|1000003" });
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerSameEmailGithub);

    expect(redirectOf(await person.openCallback(back)).params).toEqual({ link: "linked", identity: "github|1000003" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000003"]);
  });
});
