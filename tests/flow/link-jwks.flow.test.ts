/**
 * The tenant's keys are fetched once per process and reused for every link,
 * not once per link.
 */
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const { server, tenant } = useLocalTenant();
const running = useApp();
captureLogs();

function countRequests(pathname: string): () => number {
  let count = 0;
  server.events.on("request:start", ({ request }) => {
    if (new URL(request.url).pathname === pathname) count += 1;
  });
  return () => count;
}

afterEach(() => server.events.removeAllListeners());

describe("the tenant's signing keys", () => {
  it("are fetched once for several links, not once per link", async () => {
    const jwksFetches = countRequests("/.well-known/jwks.json");
    const person = running.person();
    await person.signIn();

    expect((await person.link("github", ACCOUNTS.ownerGithub)).searchParams.get("link")).toBe("linked");
    expect((await person.link("google-oauth2", ACCOUNTS.ownerGoogle)).searchParams.get("link")).toBe("linked");

    expect(jwksFetches()).toBe(1);
    expect(tenant().getUser(OWNER_ID)?.identities).toHaveLength(3);
  });
});
