import { ACCOUNTS, OWNER_ID, Person, loadApp, useLocalTenant, type App } from "../support/app";

const { tenant } = useLocalTenant();
let app: App;

beforeAll(async () => {
  app = await loadApp();
});

describe("linking another account from Settings", () => {
  it("links owner.github@example.com and Settings is told which account was linked", async () => {
    const person = new Person(app);
    await person.signIn();
    const result = await person.link("github", ACCOUNTS.ownerGithub);
    expect(result.pathname).toBe("/settings");
    expect(Object.fromEntries(result.searchParams)).toEqual({ link: "linked", identity: "github|1000001" });
    expect(tenant().getUser(OWNER_ID)?.identities.map((identity) => `${identity.provider}|${identity.user_id}`)).toEqual([OWNER_ID, "github|1000001"]);
  });
});
