/**
 * The link at sign-in (LINK_PROMPT_AT_SIGN_IN=true), through the real proxy,
 * routes and SDK with msw serving the local tenant: who sees "You already
 * have an account", "Link accounts" (the new sign-in linked into the existing
 * account, the person signed in as it) and "Keep separate" (remembered for
 * that pair).
 */
import { ACCOUNTS, APP, OWNER_ID, useLocalTenant } from "../support/app";
import { cancelAtTenant, identityIdsOf, noticeFor, putCookie, redirectOf, rewriteSession, sessionOf, transactionCookieNames, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { answerPrompt, followInApp, locationOf, NEW_GITHUB, NEW_GITHUB_SIGN_IN, PROMPT_ENV, PROMPT_PAGE, signInAgainSilently, signInAndLand } from "../support/prompt";

const { tenant } = useLocalTenant();
const logs = captureLogs();

describe("with the link at sign-in on", () => {
  const running = useApp(PROMPT_ENV);

  it("shows the prompt to owner@example.com signing in with GitHub, before Settings", async () => {
    const person = running.person();

    const landed = await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);

    expect(landed.toString()).toBe(PROMPT_PAGE);
    expect(person.app.get("__link_prompt")).toBeTruthy();
    // What the prompt costs a sign-in: two reads with the machine token.
    expect(tenant().requestLog.map(({ method, path }) => `${method} ${path}`)).toEqual([`GET /api/v2/users/${NEW_GITHUB}`, "GET /api/v2/users-by-email"]);
    expect(logs.events("link.prompt_shown")).toEqual([
      expect.objectContaining({ sub: NEW_GITHUB, connection: "github", existing: OWNER_ID, existing_connection: "Username-Password-Authentication" }),
    ]);
  });

  it("does not show it to the older account, which stays the one to link into", async () => {
    const landed = await signInAndLand(running, running.person(), ACCOUNTS.owner);

    expect(landed.toString()).toBe(`${APP}/settings`);
    expect(logs.events("link.prompt_shown")).toEqual([]);
    expect(logs.events("link.prompt_not_shown")).toEqual([expect.objectContaining({ level: "info", sub: OWNER_ID, reason: "no_older_account" })]);
  });

  it("does not show it for a sign-in whose email is not verified", async () => {
    const landed = await signInAndLand(running, running.person(), ACCOUNTS.ownerSameEmailGoogleUnverified);

    expect(landed.toString()).toBe(`${APP}/settings`);
    expect(logs.events("link.prompt_shown")).toEqual([]);
  });

  it("does not show it to an account that already holds another sign-in of its own", async () => {
    tenant().createUser({ connection: "Username-Password-Authentication", email: "sam@example.com", emailVerified: true, name: "Sam" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const github = tenant().createUser({ connection: "github", email: "sam@example.com", emailVerified: true, name: "Sam (GitHub)" });
    const google = tenant().createUser({ connection: "google-oauth2", email: "sam.google@example.com", emailVerified: true, name: "Sam (Google)" });
    tenant().linkUsers(github.user_id, google.user_id);

    const landed = await signInAndLand(running, running.person(), { email: "sam@example.com", connection: "github" });

    expect(landed.toString()).toBe(`${APP}/settings`);
    expect(logs.events("link.prompt_shown")).toEqual([]);
  });

  it("does not show it when no other account has the email", async () => {
    const landed = await signInAndLand(running, running.person(), ACCOUNTS.ownerGithub);

    expect(landed.toString()).toBe(`${APP}/settings`);
  });

  it("links the new GitHub sign-in into the existing account and signs the person in as it, landing on Settings", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);

    const start = await answerPrompt(running, person, "link");
    const authorize = locationOf(start);
    expect(authorize.origin).toBe("http://localhost:4010");
    expect(Object.fromEntries(authorize.searchParams)).toEqual(
      expect.objectContaining({ max_age: "0", connection: "Username-Password-Authentication", login_hint: "owner@example.com", code_challenge_method: "S256" }),
    );
    const back = await person.signInAtTenant(authorize.toString(), ACCOUNTS.owner);
    const done = await person.openCallback(back);

    // The session named the user that was just linked away: it is gone, and the SDK signs the person in again.
    const login = locationOf(done);
    expect(login.pathname).toBe("/auth/login");
    expect(login.searchParams.get("returnTo")).toBe(`/settings?link=linked&identity=${encodeURIComponent(NEW_GITHUB)}`);
    expect(done.headers.getSetCookie().some((cookie) => /^__session=;/.test(cookie))).toBe(true);
    expect(transactionCookieNames(person.app)).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, NEW_GITHUB]);
    expect(tenant().getUser(NEW_GITHUB)).toBeUndefined();

    const landed = await signInAgainSilently(running, person, login);
    expect(redirectOf(landed)).toMatchObject({ target: `${APP}/settings`, params: { link: "linked", identity: NEW_GITHUB } });
    expect((await sessionOf(running, person.app))?.user.sub).toBe(OWNER_ID);
    expect(noticeFor(landed, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "status", text: expect.stringContaining("GitHub") });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "info", outcome: "linked", sub: NEW_GITHUB, existing: OWNER_ID })]);
    // The silent sign-in as the existing account is no new sign-in with a duplicate: no second prompt.
    expect(logs.events("link.prompt_shown")).toHaveLength(1);
  });

  it("signs out every other browser still signed in as the GitHub account that was linked away", async () => {
    const laptop = running.person();
    await signInAndLand(running, laptop, NEW_GITHUB_SIGN_IN);
    const phone = running.person();
    await signInAndLand(running, phone, NEW_GITHUB_SIGN_IN);

    const start = await answerPrompt(running, phone, "link");
    await phone.openCallback(await phone.signInAtTenant(locationOf(start).toString(), ACCOUNTS.owner));

    const settings = await running.app().proxy(running.request(`${APP}/settings`, laptop.app));
    laptop.app.store(settings);
    expect(settings.status).toBe(307);
    expect(await sessionOf(running, laptop.app)).toBeNull();
    expect(logs.events("session.revoked")).toEqual([expect.objectContaining({ sub: NEW_GITHUB })]);
  });

  it("links nothing when the second sign-in is someone else's account, and says so on the prompt's page", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);

    const start = await answerPrompt(running, person, "link");
    const back = await person.signInAtTenant(locationOf(start).toString(), ACCOUNTS.intruder);
    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=different_account`);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), "auth0|65a000000000000000000003")).toEqual(["auth0|65a000000000000000000003"]);
    expect(identityIdsOf(tenant(), NEW_GITHUB)).toEqual([NEW_GITHUB]);
    // Still signed in as the new sign-in, and the offer still stands.
    expect((await sessionOf(running, person.app))?.user.sub).toBe(NEW_GITHUB);
    expect(person.app.get("__link_prompt")).toBeTruthy();
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "different_account" })]);
  });

  it("links nothing when the person cancels the sign-in", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);

    const start = await answerPrompt(running, person, "link");
    const back = await cancelAtTenant(locationOf(start), person.tenant);
    const done = await person.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=cancelled`);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect((await sessionOf(running, person.app))?.user.sub).toBe(NEW_GITHUB);
  });

  it("remembers \"Keep separate\" for that pair: the next sign-in goes straight on, and Settings still suggests the link", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);

    const kept = await answerPrompt(running, person, "keep");

    expect(locationOf(kept).toString()).toBe(`${APP}/settings`);
    expect(tenant().getUser(NEW_GITHUB)?.app_metadata).toEqual({ account_linking: { kept_separate: [OWNER_ID] } });
    expect(logs.events("link.prompt_finished")).toEqual([expect.objectContaining({ outcome: "kept_separate", sub: NEW_GITHUB, existing: OWNER_ID })]);

    // Another device: a fresh browser.
    const again = await signInAndLand(running, running.person(), NEW_GITHUB_SIGN_IN);
    expect(again.toString()).toBe(`${APP}/settings`);
    expect(logs.events("link.prompt_shown")).toHaveLength(1);

    const owner = tenant().getUser(OWNER_ID);
    if (!owner) throw new Error("the owner exists");
    const suggested = await running.services().suggestions.forUser({ ...owner, identities: owner.identities.map((identity) => ({ ...identity })) });
    expect(suggested.map((account) => account.userId)).toContain(NEW_GITHUB);
  });

  it("has the existing account's Settings suggest the new sign-in at once, even after it had found nothing to suggest", async () => {
    const existing = tenant().createUser({ connection: "Username-Password-Authentication", email: "pat@example.com", emailVerified: true, name: "Pat" });
    // Settings, before the GitHub account exists: nothing to suggest, and that is cached.
    expect(await running.services().suggestions.forUser(existing)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const github = tenant().createUser({ connection: "github", email: "pat@example.com", emailVerified: true, name: "Pat (GitHub)" });

    const person = running.person();
    expect((await signInAndLand(running, person, { email: "pat@example.com", connection: "github" })).toString()).toBe(PROMPT_PAGE);
    await answerPrompt(running, person, "keep");

    expect((await running.services().suggestions.forUser(existing)).map((account) => account.userId)).toEqual([github.user_id]);
  });

  it("refuses a replayed callback, even from a browser that kept the transaction cookie, and links nothing", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);
    const start = await answerPrompt(running, person, "link");
    const state = locationOf(start).searchParams.get("state") ?? "";
    const kept = person.app.get(`__link_txn_${state}`) ?? "";
    const back = await person.signInAtTenant(locationOf(start).toString(), ACCOUNTS.intruder);
    await person.openCallback(back);

    // Without the cookie the callback cannot tell what the login was for: Settings says the attempt is not valid.
    expect(redirectOf(await person.openCallback(back))).toMatchObject({ target: `${APP}/settings`, params: { link: "transaction_invalid" } });
    putCookie(person.app, `__link_txn_${state}`, kept);
    const replay = await person.openCallback(back);

    expect(locationOf(replay).toString()).toBe(`${PROMPT_PAGE}?prompt=expired`);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  });

  it("refuses a transaction planted from another person's session", async () => {
    const attacker = running.person();
    await signInAndLand(running, attacker, NEW_GITHUB_SIGN_IN);
    const start = await answerPrompt(running, attacker, "link");
    const state = locationOf(start).searchParams.get("state") ?? "";
    const back = await attacker.signInAtTenant(locationOf(start).toString(), ACCOUNTS.owner);

    // The victim is signed in as someone else and is made to open the attacker's callback, cookie and all.
    const victim = running.person();
    await signInAndLand(running, victim, ACCOUNTS.intruder);
    putCookie(victim.app, `__link_txn_${state}`, attacker.app.get(`__link_txn_${state}`) ?? "");
    const done = await victim.openCallback(back);

    expect(locationOf(done).toString()).toBe(`${PROMPT_PAGE}?prompt=expired`);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect((await sessionOf(running, victim.app))?.user.email).toBe("intruder@example.com");
  });

  it("refuses the buttons from another site", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);

    const forged = await answerPrompt(running, person, "keep", "https://evil.example");

    expect(forged.status).toBe(403);
    expect(tenant().getUser(NEW_GITHUB)?.app_metadata).toEqual({});
  });

  it("says the offer expired when its cookie is gone or was changed", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);
    const sealed = person.app.get("__link_prompt") ?? "";
    const middle = Math.floor(sealed.length / 2);
    putCookie(person.app, "__link_prompt", `${sealed.slice(0, middle)}${sealed[middle] === "A" ? "B" : "A"}${sealed.slice(middle + 1)}`);

    const answer = await answerPrompt(running, person, "link");

    expect(locationOf(answer).toString()).toBe(`${PROMPT_PAGE}?prompt=expired`);
  });

  it("sends an old session opening /link/prompt straight on, without a look-up", async () => {
    const person = running.person();
    await signInAndLand(running, person, NEW_GITHUB_SIGN_IN);
    await rewriteSession(running, person, (session) => ({ ...session, user: { ...session.user, auth_time: Math.floor(Date.now() / 1000) - 3600 } }));
    tenant().requestLog.length = 0;

    const onward = await followInApp(running, person, new URL(`${APP}/link/prompt?returnTo=%2F%2Fevil.example`));

    expect(onward.toString()).toBe(`${APP}/`);
    expect(tenant().requestLog.filter((entry) => entry.path.includes("users-by-email"))).toEqual([]);
  });
});

describe("with the link at sign-in off (the default)", () => {
  const running = useApp({ ...PROMPT_ENV, LINK_PROMPT_AT_SIGN_IN: "false" });

  it("signs owner@example.com in with GitHub straight to Settings", async () => {
    const landed = await signInAndLand(running, running.person(), NEW_GITHUB_SIGN_IN);

    expect(landed.toString()).toBe(`${APP}/settings`);
    expect(logs.events("link.prompt_shown")).toEqual([]);
  });
});

describe("with GitHub not trusted to verify emails (the default trust)", () => {
  const running = useApp({ ...PROMPT_ENV, LINK_SUGGESTION_TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2" });

  it("does not look up a GitHub sign-in's email", async () => {
    const landed = await signInAndLand(running, running.person(), NEW_GITHUB_SIGN_IN);

    expect(landed.toString()).toBe(`${APP}/settings`);
    expect(logs.events("link.prompt_shown")).toEqual([]);
  });
});
