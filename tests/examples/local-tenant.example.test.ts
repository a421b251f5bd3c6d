import { setupServer } from "msw/node";
import { createManagementClient } from "auth0-account-linking";
import { LOCAL_APP_CLIENT, LocalTenant, createLocalTenantHandlers } from "auth0-account-linking/local-tenant";

const OWNER = "auth0|65a000000000000000000001"; // seeded: owner@example.com
const server = setupServer();
let tenant: LocalTenant;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(async () => {
  tenant = await LocalTenant.create(); // http://localhost:4010 with the seeded accounts, fresh for each test
  server.resetHandlers(...createLocalTenantHandlers(tenant));
});
afterAll(() => server.close());

/** The owner's own Management API token, as their login would get it. */
function ownerToken(): Promise<string> {
  const scope = "openid read:current_user update:current_user_identities";
  return tenant.issueAccessToken({ subject: OWNER, clientId: LOCAL_APP_CLIENT.clientId, audience: tenant.managementAudience, scope });
}

const silent = { info() {}, warn() {}, error() {} };
const management = createManagementClient({ baseUrl: "http://localhost:4010/api/v2/", logger: silent, maxRetries: 0 });

test("lists the GitHub account among the owner's sign-ins once it is linked", async () => {
  tenant.linkUsers(OWNER, "github|1000001"); // as POST /api/v2/users/{id}/identities would
  const result = await management.getUser(await ownerToken(), OWNER);
  expect(result.ok && result.value.identities.map((identity) => identity.provider)).toEqual(["auth0", "github"]);
});

test("says Auth0 is unavailable when the tenant answers 503", async () => {
  tenant.faults.inject({ method: "GET", path: "/api/v2/users/", kind: "status", status: 503 });
  const result = await management.getUser(await ownerToken(), OWNER);
  expect(result).toMatchObject({ ok: false, error: { code: "tenant_unavailable" } });
  expect(tenant.requestLog).toEqual([expect.objectContaining({ method: "GET", status: 503, fault: "status" })]);
});
