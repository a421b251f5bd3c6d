/**
 * "This wasn't me", through the real routes and proxy with msw serving the
 * local tenant: someone signed in as the owner links their own GitHub; the
 * owner gets a notice, opens its link in another browser, and secures the
 * account: the GitHub sign-in is removed, the owner's Auth0 sessions and
 * refresh tokens are revoked, and every browser signed in as the owner is
 * signed out. And every way that must not work.
 */
import { ACCOUNTS, APP, OWNER_ID, useLocalTenant } from "../support/app";
import { identityIdsOf } from "../support/linking";
import { NoticeReader, tokenOf, useReportingApp } from "../support/report";
import { appRequest, signInAtTenant } from "../support/browser";
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";

const INTRUDER_GITHUB = "github|1000002";
const local = useLocalTenant();
const running = useReportingApp({ AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId, AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret });

/** Someone signed in as the owner (a hijacked session) links their own GitHub; returns the notice the owner gets. */
async function intruderLinksGithub() {
  const hijacked = running.person();
  await hijacked.signIn(ACCOUNTS.owner);
  const noticed = running.nextNotice();
  const done = await hijacked.link("github", ACCOUNTS.intruderGithub);
  expect(done.searchParams.get("link")).toBe("linked");
  return { hijacked, notice: await noticed };
}

async function text(response: Response): Promise<string> {
  return response.text();
}

/** Whether `person`'s browser is still signed in: its next Settings view through the proxy. */
async function signedIn(person: ReturnType<typeof running.person>): Promise<boolean> {
  const response = await running.app().proxy(appRequest(`${APP}/settings`, person.app));
  person.app.store(response);
  return response.status === 200 || (response.status !== 307 && response.status !== 303);
}

describe("a notice after a link", () => {
  it("goes to the owner's verified email, naming the GitHub sign-in that was added and the browser, with a This wasn't me link", async () => {
    const { notice } = await intruderLinksGithub();
    expect(notice).toMatchObject({
      kind: "linked",
      to: "owner@example.com",
      userId: OWNER_ID,
      identity: { id: INTRUDER_GITHUB, connectionName: "GitHub", detail: "intruder.github@example.com" },
      reportUrl: expect.stringMatching(/^http:\/\/localhost:3000\/link\/report\?t=Fe26\.2/),
    });
    expect(running.notices).toHaveLength(1);
  });

  it("goes out after an unlink too, naming the sign-in that was removed", async () => {
    const { hijacked } = await intruderLinksGithub();
    const noticed = running.nextNotice();
    await hijacked.unlink(INTRUDER_GITHUB);
    expect(await noticed).toMatchObject({ kind: "unlinked", to: "owner@example.com", identity: { id: INTRUDER_GITHUB, connectionName: "GitHub", detail: "intruder.github@example.com" } });
  });

  it("is not sent for a refused link", async () => {
    const person = running.person();
    await person.signIn(ACCOUNTS.owner);
    const done = await person.link("google-oauth2", ACCOUNTS.ownerSameEmailGoogleUnverified);
    expect(done.searchParams.get("link")).toBe("email_unverified");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running.notices).toEqual([]);
  });
});

describe("This wasn't me", () => {
  it("says what will happen, removes the GitHub sign-in at once, and after the owner's fresh sign-in revokes every session and signs every browser out", async () => {
    const { hijacked, notice } = await intruderLinksGithub();
    const otherBrowser = running.person();
    await otherBrowser.signIn(ACCOUNTS.owner);
    expect([...local.tenant().refreshTokens.values()].some((grant) => grant.userId === OWNER_ID)).toBe(true);

    const reader = new NoticeReader(running.app());
    const page = await reader.open(notice.reportUrl);
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).toContain("<h1>Secure your account</h1>");
    expect(html).toContain("We will remove the GitHub sign-in intruder.github@example.com from your account at once");
    expect(html).toContain(">Sign in to secure my account</button>");

    const start = await reader.secure(tokenOf(notice));
    expect(identityIdsOf(local.tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    // The GitHub account is a user of its own again, as Auth0 unlinks.
    expect(identityIdsOf(local.tenant(), INTRUDER_GITHUB)).toEqual([INTRUDER_GITHUB]);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ max_age: "0", prompt: "login", connection: "Username-Password-Authentication" });

    const { redirect, page: result } = await reader.finish(await signInAtTenant(authorize.href, reader.tenant, ACCOUNTS.owner));
    expect(redirect.pathname).toBe("/link/report");
    const summary = await text(result);
    expect(summary).toContain("<h1>Your account is secured</h1>");
    expect(summary).toContain("Removed the GitHub sign-in intruder.github@example.com from your account.");
    expect(summary).toContain("Signed you out of this app everywhere.");
    expect(summary).toContain("Change your password");

    expect([...local.tenant().refreshTokens.values()].some((grant) => grant.userId === OWNER_ID)).toBe(false);
    expect([...local.tenant().sessions.values()].some((session) => session.userId === OWNER_ID)).toBe(false);
    expect(await signedIn(otherBrowser)).toBe(false);
    expect(await signedIn(hijacked)).toBe(false);
    expect(running.logger().events("report.finished")).toEqual([
      expect.objectContaining({ outcome: "secured", sub: OWNER_ID, identity: INTRUDER_GITHUB, unlinked: "done", app_sessions: "done", auth0_sessions: "done", refresh_tokens: "done" }),
    ]);
  });

  it("refuses a sign-in with the reported GitHub account itself, and ends no session", async () => {
    const { hijacked, notice } = await intruderLinksGithub();
    const reader = new NoticeReader(running.app());
    const start = await reader.secure(tokenOf(notice));
    // The intruder edits the sign-in to use their GitHub instead of the owner's email and password.
    const authorize = new URL(start.headers.get("location") ?? "");
    authorize.searchParams.set("connection", "github");
    const { page } = await reader.finish(await signInAtTenant(authorize.href, reader.tenant, ACCOUNTS.intruderGithub));
    expect(page.status).toBe(200);
    expect(await text(page)).toContain("That was not the account&#39;s own sign-in");
    expect(await signedIn(hijacked)).toBe(true);
    expect(running.logger().events("report.finished")).toEqual([expect.objectContaining({ outcome: "signed_in_as_other", signed_in: INTRUDER_GITHUB })]);
  });

  it("refuses a sign-in as another user of the app (the link names the owner's account), and ends no session", async () => {
    const { hijacked, notice } = await intruderLinksGithub();
    const reader = new NoticeReader(running.app());
    const start = await reader.secure(tokenOf(notice));
    const { page } = await reader.finish(await signInAtTenant(start.headers.get("location") ?? "", reader.tenant, ACCOUNTS.intruder));
    expect(await text(page)).toContain("That was not the account&#39;s own sign-in");
    expect(await signedIn(hijacked)).toBe(true);
    expect([...local.tenant().refreshTokens.values()].some((grant) => grant.userId === OWNER_ID)).toBe(true);
  });

  it("says the sign-in was cancelled when the owner cancels it, and ends no session", async () => {
    const { hijacked, notice } = await intruderLinksGithub();
    const reader = new NoticeReader(running.app());
    const start = await reader.secure(tokenOf(notice));
    const authorize = new URL(start.headers.get("location") ?? "");
    const callback = new URL(`${APP}/link/callback`);
    callback.searchParams.set("error", "access_denied");
    callback.searchParams.set("error_description", "<b>the tenant's own words</b>");
    callback.searchParams.set("state", authorize.searchParams.get("state") ?? "");
    const { page } = await reader.finish(callback);
    const html = await text(page);
    expect(html).toContain("You cancelled the sign-in");
    expect(html).not.toContain("the tenant's own words");
    expect(await signedIn(hijacked)).toBe(true);
  });

  it("works once: the same link again secures nothing more and says it was used", async () => {
    const { notice } = await intruderLinksGithub();
    const secureOnce = async (): Promise<string> => {
      const reader = new NoticeReader(running.app());
      const start = await reader.secure(tokenOf(notice));
      const { page } = await reader.finish(await signInAtTenant(start.headers.get("location") ?? "", reader.tenant, ACCOUNTS.owner));
      return text(page);
    };
    expect(await secureOnce()).toContain("Your account is secured");
    expect(await secureOnce()).toContain("This link was already used");
  });

  it.each([
    ["edited", (token: string) => `${token.slice(0, 40)}${token[40] === "a" ? "b" : "a"}${token.slice(41)}`, "This link does not work", 400],
    ["cut short", (token: string) => token.slice(0, 60), "This link does not work", 400],
    ["missing", () => "", "This link does not work", 400],
  ])("refuses a link whose token is %s, with a sentence and nothing changed", async (_what, change, heading, status) => {
    const { notice } = await intruderLinksGithub();
    const reader = new NoticeReader(running.app());
    const page = await reader.open(`${APP}/link/report?t=${encodeURIComponent(change(tokenOf(notice)))}`);
    expect(page.status).toBe(status);
    expect(await text(page)).toContain(heading);
    const posted = await reader.secure(change(tokenOf(notice)));
    expect(await text(posted)).toContain(heading);
    expect(identityIdsOf(local.tenant(), OWNER_ID)).toEqual([OWNER_ID, INTRUDER_GITHUB]);
  });

  it("refuses the button from another site (no Origin of the app's), and removes nothing", async () => {
    const { notice } = await intruderLinksGithub();
    const reader = new NoticeReader(running.app());
    expect((await reader.secure(tokenOf(notice), "https://evil.example")).status).toBe(403);
    expect((await reader.secure(tokenOf(notice), null)).status).toBe(403);
    expect(identityIdsOf(local.tenant(), OWNER_ID)).toEqual([OWNER_ID, INTRUDER_GITHUB]);
  });

  it("speaks the reader's language: German for a German browser, with lang=\"de\"", async () => {
    const { notice } = await intruderLinksGithub();
    const reader = new NoticeReader(running.app());
    const page = await reader.open(notice.reportUrl, { "accept-language": "de-DE,de;q=0.9,en;q=0.5" });
    const html = await text(page);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("<h1>Konto absichern</h1>");
    expect(html).toContain("Wir entfernen die GitHub-Anmeldung intruder.github@example.com sofort aus Ihrem Konto");
    expect(html).toContain(">Anmelden und Konto absichern</button>");
    expect(page.headers.get("content-language")).toBe("de");
    const refused = await reader.open(`${APP}/link/report?t=nope`, { "accept-language": "fr" });
    expect(await text(refused)).toContain("Ce lien ne fonctionne pas");
  });

  it("never shows text from its URL: an unknown refusal code is the invalid-link page", async () => {
    const reader = new NoticeReader(running.app());
    const page = await reader.open(`${APP}/link/report?refused=%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    const html = await text(page);
    expect(html).toContain("This link does not work");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("alert(1)");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    expect(page.headers.get("cache-control")).toBe("no-store");
  });
});
