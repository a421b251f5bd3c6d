/**
 * Linking when the tenant says no or does not answer: each failure comes from
 * a real cause (an identity linked elsewhere meanwhile, the rate limit, an
 * outage, a session that can no longer get a token), and each ends on
 * Settings with a plain sentence, nothing linked, and no upstream text shown.
 */
import { http, HttpResponse } from "msw";
import { ACCOUNTS, APP, MODE, OWNER_ID, Person, itInMode, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, rewriteSession, sessionOf, setCookies, transactionCookieNames, useApp, type Redirect } from "../support/linking";
import { captureLogs } from "../support/logs";

const INTRUDER_ID = "auth0|65a000000000000000000003";

const { server, tenant } = useLocalTenant();
const running = useApp();
const logs = captureLogs();

const identitiesUrl = (): string => `${tenant().baseUrl}/api/v2/users/:id/identities`;

async function signedInOwner(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  return person;
}

/** An answer that never comes: waits until the caller gives up (or 10 s pass), then the connection drops. */
async function hangUntilAborted(request: Request): Promise<Response> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    request.signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return HttpResponse.error();
}

/** Shared checks for a refused link: back on Settings, transaction gone, nothing linked, no upstream words. */
function expectNothingLinked(person: Person, result: Redirect, upstreamWords: readonly string[] = []): void {
  expect(result.target).toBe(`${APP}/settings`);
  expect(transactionCookieNames(person.app)).toEqual([]);
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  const notice = noticeFor(result, tenant(), OWNER_ID);
  expect(notice?.kind).toBe("alert");
  for (const words of upstreamWords) {
    expect(notice?.text).not.toContain(words);
    expect(result.url.toString()).not.toContain(encodeURIComponent(words));
  }
}

describe("when the tenant refuses the link", () => {
  it("says the GitHub account is linked to another user when someone linked it elsewhere during the sign-in", async () => {
    const person = await signedInOwner();
    // Between the person's GitHub sign-in and our link call, the intruder links that GitHub account to themselves.
    server.use(
      http.post(
        identitiesUrl(),
        () => {
          tenant().linkUsers(INTRUDER_ID, "github|1000002");
          return undefined; // fall through to the tenant, which now answers 409
        },
        { once: true },
      ),
    );

    const result = redirectOf(await person.link("github", ACCOUNTS.intruderGithub));

    expect(result.params).toEqual({ link: "identity_in_use", identity: "github|1000002" });
    expectNothingLinked(person, result, ["Specified identity already exists"]);
    expect(identityCalls(tenant())).toEqual([{ method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 409 }]);
    expect(identityIdsOf(tenant(), INTRUDER_ID)).toEqual([INTRUDER_ID, "github|1000002"]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("That GitHub sign-in already belongs to another account of this app, so it could not be linked to yours. To move it here, sign in with it, unlink it in that account's Settings, then come back and link it.");
  });

  it("says to try again in N seconds when the tenant's rate limit is used up, and does not retry", async () => {
    const person = await signedInOwner();
    const start = await person.startLink("github");
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    // Other traffic on the tenant empties its Management API bucket, which refills one request a minute.
    tenant().setRateLimit({ limit: 1, perSecond: 1 / 60 });
    expect(tenant().takeRateLimitToken().allowed).toBe(true);

    const result = redirectOf(await person.openCallback(back));

    expect(result.params["link"]).toBe("rate_limited");
    const retry = Number(result.params["retry"]);
    expect(retry).toBeGreaterThanOrEqual(55);
    expect(retry).toBeLessThanOrEqual(60);
    expectNothingLinked(person, result, ["Global limit has been reached"]);
    // Exactly one attempt: a link is never retried blindly.
    expect(identityCalls(tenant())).toEqual([{ method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 429 }]);
    expect(tenant().getUser("github|1000001")).toBeDefined();
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(`Too many attempts right now, so nothing was linked. Please try again in ${retry} seconds.`);
    expect(logs.events("management_api.refused")).toEqual([expect.objectContaining({ operation: "link_identity", status: 429, retry_after_s: retry })]);
  });

  it("says the sign-in service is not answering when the tenant answers 500, and shows none of its text", async () => {
    const person = await signedInOwner();
    server.use(
      http.post(identitiesUrl(), () =>
        HttpResponse.json({ statusCode: 500, error: "Internal Server Error", message: "<b>database exploded</b> at shard 7" }, { status: 500 }),
      ),
    );

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "tenant_unavailable" });
    expectNothingLinked(person, result, ["database exploded", "shard 7"]);
    expect(tenant().getUser("github|1000001")).toBeDefined();
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(
      "The sign-in service is not answering right now, so nothing was changed. Please try again in a few minutes.",
    );
  });

  it("says the sign-in service is not answering when the connection to the tenant fails", async () => {
    const person = await signedInOwner();
    server.use(http.post(identitiesUrl(), () => HttpResponse.error()));

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "tenant_unavailable" });
    expectNothingLinked(person, result);
    expect(logs.events("management_api.unreachable")).toEqual([expect.objectContaining({ operation: "link_identity", code: "tenant_unavailable" })]);
  });

  it("gives up after the deadline and says the sign-in service is not answering when the tenant hangs", async () => {
    const person = await signedInOwner();
    server.use(
      http.post(identitiesUrl(), ({ request }) => hangUntilAborted(request)),
    );

    const started = Date.now();
    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.params).toEqual({ link: "tenant_unavailable" });
    expectNothingLinked(person, result);
    // The app's 5 s deadline ended the call.
    const [unreachable, ...more] = logs.events("management_api.unreachable");
    expect(more).toEqual([]);
    expect(unreachable).toMatchObject({ operation: "link_identity" });
    expect(unreachable?.["elapsed_ms"]).toBeGreaterThanOrEqual(4_900);
  }, 20_000);

  // link_with only: server-side mode never uses the session's token (its refusal: server-side-mode.flow.test.ts).
  itInMode("link_with")("says the sign-in service refused when the session's token lacks the permission to link", async () => {
    const person = await signedInOwner();
    // A session from before the app asked for update:current_user_identities.
    const narrowToken = await tenant().issueAccessToken({
      subject: OWNER_ID,
      clientId: "local-app-client-id",
      audience: tenant().managementAudience,
      scope: "openid profile email read:current_user",
    });
    await rewriteSession(running, person, (session) => ({ ...session, tokenSet: { ...session.tokenSet, accessToken: narrowToken } }));

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "auth0_refused" });
    expectNothingLinked(person, result, ["Insufficient scope"]);
    expect(identityCalls(tenant())).toEqual([{ method: "POST", path: `/api/v2/users/${OWNER_ID}/identities`, status: 403 }]);
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe("The sign-in service refused to link these accounts, so nothing was changed. Please try again later; if it keeps happening, contact this app's support.");
  });
});

describe("when the tenant's token endpoint fails during the second sign-in", () => {
  it("says the sign-in service is not answering when the code exchange answers 503", async () => {
    const person = await signedInOwner();
    server.use(
      http.post(`${tenant().baseUrl}/oauth/token`, () =>
        HttpResponse.json({ error: "temporarily_unavailable", error_description: "maintenance window <i>now</i>" }, { status: 503 }),
      ),
    );

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "tenant_unavailable" });
    expectNothingLinked(person, result, ["maintenance window"]);
    expect(identityCalls(tenant())).toEqual([]);
  });

  it("says the sign-in service is not answering when the connection to the token endpoint fails", async () => {
    const person = await signedInOwner();
    server.use(http.post(`${tenant().baseUrl}/oauth/token`, () => HttpResponse.error()));

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(result.params).toEqual({ link: "tenant_unavailable" });
    expectNothingLinked(person, result);
    expect(identityCalls(tenant())).toEqual([]);
  });

  it("gives up after the deadline and says the sign-in service is not answering when the token endpoint hangs", async () => {
    const person = await signedInOwner();
    server.use(http.post(`${tenant().baseUrl}/oauth/token`, ({ request }) => hangUntilAborted(request)));

    const started = Date.now();
    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    expect(result.params).toEqual({ link: "tenant_unavailable" });
    expectNothingLinked(person, result);
    expect(identityCalls(tenant())).toEqual([]);
  }, 20_000);
});

describe("when the person's own sign-in has aged", () => {
  const renewed =
    MODE === "link_with"
      ? "links with a renewed token when the access token expired during the second sign-in, and keeps the renewed session"
      : "links with the machine token when the person's access token expired, leaving the session as it was";
  it(renewed, async () => {
    const person = await signedInOwner();
    await rewriteSession(running, person, (session) => ({ ...session, tokenSet: { ...session.tokenSet, expiresAt: Math.floor(Date.now() / 1000) - 10 } }));
    const before = await sessionOf(running, person.app);

    const start = await person.startLink("github");
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    const callback = await person.openCallback(back);

    expect(redirectOf(callback).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    const after = await sessionOf(running, person.app);
    expect(after?.user.sub).toBe(OWNER_ID);
    expect(before?.tokenSet.expiresAt).toBeLessThan(Date.now() / 1000);
    if (MODE === "server_side") {
      // The person's token is never needed, so it is neither renewed nor touched.
      expect(setCookies(callback, "__session")).toEqual([]);
      expect(after?.tokenSet).toEqual(before?.tokenSet);
      return;
    }
    // The refreshed token set is saved in the browser, still for the owner.
    expect(setCookies(callback, "__session=")).toHaveLength(1);
    expect(after?.tokenSet.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3600);
  });

  const revoked =
    MODE === "link_with"
      ? "says the sign-in has expired when the token expired and the tenant no longer honours the refresh token"
      : "links even when the person's token expired and cannot be renewed: server-side mode does not use it";
  it(revoked, async () => {
    const person = await signedInOwner();
    await rewriteSession(running, person, (session) => ({ ...session, tokenSet: { ...session.tokenSet, expiresAt: Math.floor(Date.now() / 1000) - 10 } }));
    // The refresh token was revoked (e.g. the person signed out everywhere).
    tenant().refreshTokens.clear();

    const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));
    if (MODE === "server_side") {
      expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
      expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
      return;
    }

    expect(result.params).toEqual({ link: "session_expired" });
    expectNothingLinked(person, result);
    expect(identityCalls(tenant())).toEqual([]);
    expect(tenant().getUser("github|1000001")).toBeDefined();
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(
      "Your sign-in has expired, so nothing was linked. Please sign out, sign in again, and retry.",
    );
  });
});

describe("logs of refused links", () => {
  it("tells the operator the outcome and the tenant's own message, never a token", async () => {
    const person = await signedInOwner();
    server.use(
      http.post(
        identitiesUrl(),
        () => {
          tenant().linkUsers(INTRUDER_ID, "github|1000002");
          return undefined;
        },
        { once: true },
      ),
    );
    await person.link("github", ACCOUNTS.intruderGithub);

    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ level: "warn", outcome: "identity_in_use", secondary: "github|1000002" })]);
    expect(logs.events("management_api.refused")).toEqual([
      expect.objectContaining({ operation: "link_identity", status: 409, code: "conflict", upstream_message: "Specified identity already exists." }),
    ]);
    expect(logs.text()).not.toMatch(/eyJ/);
    expect(logs.text()).not.toContain("local-app-client-secret");
  });
});
