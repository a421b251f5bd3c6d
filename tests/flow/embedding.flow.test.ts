/**
 * An app that embeds the package as the README's guide says, through its
 * public entry point only: its own `Auth0Client` with `linkingAuth0Options`,
 * `setupAccountLinking({ auth0, env })` for the routes, and a proxy that is
 * `accountLinking.proxy`. The local tenant answers behind msw.
 */
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { ConfigError, linkingAuth0Options, setupAccountLinking, type AccountLinkingSetup } from "auth0-account-linking";
import { LOCAL_APP_CLIENT } from "auth0-account-linking/local-tenant";
import { ACCOUNTS, APP, OWNER_ID, Person, useLocalTenant, type App } from "../support/app";
import { CookieJar, appRequest } from "../support/browser";
import { identityIdsOf, redirectOf } from "../support/linking";
import { captureLogs } from "../support/logs";

const ENV = {
  AUTH0_DOMAIN: "http://localhost:4010",
  AUTH0_CLIENT_ID: LOCAL_APP_CLIENT.clientId,
  AUTH0_CLIENT_SECRET: LOCAL_APP_CLIENT.clientSecret,
  AUTH0_SECRET: "an-embedding-app-secret-of-at-least-32-characters",
  APP_BASE_URL: APP,
  LINK_CONNECTIONS: "github",
};

const { tenant } = useLocalTenant();
captureLogs();

/** The embedding app: the guide's lib/auth0.ts, routes and proxy, with the settings passed explicitly instead of read from process.env. */
function embeddingApp(env: Record<string, string>): { app: App; accountLinking: AccountLinkingSetup } {
  const auth0 = new Auth0Client({
    domain: env["AUTH0_DOMAIN"] ?? "",
    clientId: env["AUTH0_CLIENT_ID"] ?? "",
    clientSecret: env["AUTH0_CLIENT_SECRET"] ?? "",
    secret: env["AUTH0_SECRET"] ?? "",
    appBaseUrl: APP,
    ...linkingAuth0Options(env),
  });
  const accountLinking = setupAccountLinking({ auth0, env });
  return { app: { proxy: accountLinking.proxy, linkStart: accountLinking.start, linkCallback: accountLinking.callback, unlink: accountLinking.unlink }, accountLinking };
}

describe("an app that embeds account linking through the package's public API", () => {
  it("links the person's GitHub account and unlinks it again", async () => {
    const person = new Person(embeddingApp(ENV).app);
    await person.signIn();

    const linked = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));
    expect(linked.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);

    const unlinked = redirectOf(await person.unlink("github|1000001"));
    expect(unlinked.params).toEqual({ unlink: "unlinked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  });

  it("offers only the connections its settings name", async () => {
    const person = new Person(embeddingApp(ENV).app);
    await person.signIn();

    expect(redirectOf(await person.startLink("google-oauth2")).params).toEqual({ link: "connection_not_offered" });
  });

  it("links and unlinks through the single catch-all route file (app/link/[action]/route.ts)", async () => {
    const { app, accountLinking } = embeddingApp(ENV);
    const { GET, POST } = accountLinking.routes;
    const person = new Person({ proxy: app.proxy, linkStart: POST, linkCallback: GET, unlink: POST });
    await person.signIn();

    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(redirectOf(await person.unlink("github|1000001")).params).toEqual({ unlink: "unlinked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  });

  it("answers 404 for an unknown action and 405 for the wrong method, changing nothing", async () => {
    const { accountLinking } = embeddingApp(ENV);
    const { GET, POST } = accountLinking.routes;
    const jar = new CookieJar();
    const post = (path: string) => POST(appRequest(`${APP}${path}`, jar, { method: "POST", headers: { origin: APP } }));

    expect((await post("/link/everything")).status).toBe(404);
    expect((await GET(appRequest(`${APP}/link/constructor`, jar))).status).toBe(404);
    const getStart = await GET(appRequest(`${APP}/link/start`, jar));
    expect([getStart.status, getStart.headers.get("allow")]).toEqual([405, "POST"]);
    const postCallback = await post("/link/callback");
    expect([postCallback.status, postCallback.headers.get("allow")]).toEqual([405, "GET"]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  });

  it("reads no setting until the first request, then names each one that is missing", async () => {
    const { accountLinking } = embeddingApp({ ...ENV, AUTH0_CLIENT_SECRET: "", AUTH0_SECRET: "" });

    const failure = accountLinking.start(appRequest(`${APP}/link/start`, new CookieJar(), { method: "POST", headers: { origin: APP } }));
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(/AUTH0_CLIENT_SECRET is not set[\s\S]*AUTH0_SECRET is not set/);
  });

  it("says where the prompt's page must go when LINK_PROMPT_AT_SIGN_IN is on but the setup names none", async () => {
    const { accountLinking } = embeddingApp({ ...ENV, LINK_PROMPT_AT_SIGN_IN: "true", AUTH0_M2M_CLIENT_ID: "local-m2m-client-id", AUTH0_M2M_CLIENT_SECRET: "local-m2m-client-secret-not-for-production" });

    const failure = accountLinking.proxy(appRequest(`${APP}/`, new CookieJar()));
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(/LINK_PROMPT_AT_SIGN_IN=true, but the app has no page for the prompt: add app\/link-accounts\/page\.tsx .*linkPromptPage: "\/link-accounts"/);
  });
});
