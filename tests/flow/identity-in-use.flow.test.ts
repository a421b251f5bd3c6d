/**
 * A sign-in that belongs to another account of the app (Auth0 answers the
 * link with 409): Settings says so, lists the steps to move it, and its
 * button starts the first one. Followed here to the end through the real
 * proxy and routes, with msw's local tenant: sign in with that sign-in,
 * unlink it there, sign in as yourself again and link it.
 */
import { http } from "msw";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { appRequest, signInAtTenant } from "../support/browser";
import { identityIdsOf, redirectOf, sessionOf, useApp, type Redirect } from "../support/linking";
import { captureLogs } from "../support/logs";
import { renderSettings } from "../support/settings-page";

const INTRUDER_ID = "auth0|65a000000000000000000003";
const GITHUB = "github|1000002";

const { server, tenant } = useLocalTenant();
const running = useApp();
captureLogs();

/** The owner links intruder.github@example.com while the intruder links that GitHub account to themselves. */
async function refusedAsInUse(): Promise<{ person: Person; refused: Redirect }> {
  const person = running.person();
  await person.signIn();
  server.use(
    http.post(
      `${tenant().baseUrl}/api/v2/users/:id/identities`,
      () => {
        tenant().linkUsers(INTRUDER_ID, GITHUB);
        return undefined; // on to the tenant, which now answers 409
      },
      { once: true },
    ),
  );
  const refused = redirectOf(await person.link("github", ACCOUNTS.intruderGithub));
  expect(refused.params).toEqual({ link: "identity_in_use", identity: GITHUB });
  return { person, refused };
}

/** The URL the panel's GET form submits to, from the rendered markup. */
function panelButtonUrl(html: string): URL {
  const panel = /<section id="identity-in-use"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  const form = /<form [^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(panel);
  if (!form?.[1] || form[2] === undefined) throw new Error("the panel has no button");
  const url = new URL(form[1], APP);
  for (const [, name, value] of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) url.searchParams.set(name ?? "", value ?? "");
  return url;
}

/** The header's "Sign out": the SDK's /auth/logout, then the tenant's logout, which ends its single sign-on session. */
async function signOut(person: Person): Promise<void> {
  const logout = await running.app().proxy(appRequest(`${APP}/auth/logout`, person.app));
  person.app.store(logout);
  const atTenant = await fetch(logout.headers.get("location") ?? "", { redirect: "manual", headers: { cookie: person.tenant.header() } });
  person.tenant.store(atTenant);
  expect(atTenant.headers.get("location")).toMatch(new RegExp(`^${APP}/?$`));
}

describe("a sign-in that belongs to another account of the app", () => {
  it("says which sign-in it is, that it belongs to another account, and what to do, with a button to start", async () => {
    const { person, refused } = await refusedAsInUse();

    const shown = await renderSettings(running.services(), person, refused);

    expect(shown.alert).toBe(
      "That GitHub sign-in already belongs to another account of this app, so it could not be linked to yours. To move it here, sign in with it, unlink it in that account's Settings, then come back and link it.",
    );
    expect(shown.html).toContain('<section id="identity-in-use" class="la-identity-in-use" aria-labelledby="identity-in-use-heading"><h3 id="identity-in-use-heading">Move your GitHub sign-in to this account</h3>');
    expect(shown.html).toContain(
      "<ol class=\"la-steps\"><li>Sign in with GitHub. That opens the other account.</li><li>In that account’s Settings, unlink GitHub, then sign out.</li><li>Sign in to this account again and choose Link GitHub.</li></ol>",
    );
    expect(panelButtonUrl(shown.html).toString()).toBe(`${APP}/auth/login?connection=github&prompt=login&returnTo=%2Fsettings`);
    expect(shown.html).toContain("Sign in with GitHub</button>");
    expect(shown.html).not.toContain("Specified identity already exists");
  });

  it("says the same in German to a German browser", async () => {
    const { person, refused } = await refusedAsInUse();

    const shown = await renderSettings(running.services(), person, refused, "de-DE,de;q=0.9");

    expect(shown.lang).toBe("de");
    expect(shown.alert).toContain("Die Anmeldung mit GitHub gehört bereits zu einem anderen Konto dieser App");
    expect(shown.html).toContain("Anmeldung mit GitHub in dieses Konto übernehmen</h3>");
    expect(shown.html).toContain("Mit GitHub anmelden</button>");
  });

  it("moves it: the button signs in as the other account, which unlinks it, and the person then links it to their own", async () => {
    const { person, refused } = await refusedAsInUse();
    const { proxy } = running.app();

    // 1. The panel's button: the SDK's login with that connection, asking the tenant for a fresh sign-in.
    const login = await proxy(appRequest(panelButtonUrl((await renderSettings(running.services(), person, refused)).html).toString(), person.app));
    person.app.store(login);
    const authorize = new URL(login.headers.get("location") ?? "");
    expect([authorize.searchParams.get("connection"), authorize.searchParams.get("prompt")]).toEqual(["github", "login"]);
    const callback = await signInAtTenant(authorize.toString(), person.tenant, ACCOUNTS.intruderGithub);
    const signedIn = await proxy(appRequest(callback.toString(), person.app));
    person.app.store(signedIn);
    expect(new URL(signedIn.headers.get("location") ?? "").pathname).toBe("/settings");
    // The GitHub sign-in opens the account it belongs to.
    expect((await sessionOf(running, person.app))?.user.sub).toBe(INTRUDER_ID);

    // 2. There, it is unlinked.
    expect(redirectOf(await person.unlink(GITHUB)).params).toEqual({ unlink: "unlinked", identity: GITHUB });
    expect(identityIdsOf(tenant(), INTRUDER_ID)).toEqual([INTRUDER_ID]);

    // 3. Signed out (else the tenant's single sign-on would answer with the other account again), then signed in as themselves, the person links it.
    await signOut(person);
    await person.signIn(ACCOUNTS.owner);
    expect((await sessionOf(running, person.app))?.user.sub).toBe(OWNER_ID);
    expect(redirectOf(await person.link("github", ACCOUNTS.intruderGithub)).params).toEqual({ link: "linked", identity: GITHUB });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, GITHUB]);
  });

  it("names no sign-in and offers no button for an identity the page cannot name, and shows nothing of the URL", async () => {
    const { person } = await refusedAsInUse();

    const shown = await renderSettings(running.services(), person, new URL(`${APP}/settings?link=identity_in_use&identity=${encodeURIComponent("evil|<b>x</b>")}`));

    expect(shown.alert).toMatch(/^That sign-in already belongs to another account of this app/);
    expect(shown.html).toContain("Move that sign-in to this account</h3>");
    expect(shown.html).not.toContain("/auth/login");
    expect(shown.html).not.toMatch(/evil|&lt;b&gt;/);
  });
});
