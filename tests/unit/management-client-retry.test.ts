/**
 * The Management API client's retry policy: which calls are tried again,
 * after which failures, how long it waits (backoff with jitter, or the
 * tenant's own wait for a 429, never more than 2 s in all), and what it logs.
 * The tenant is a scripted `fetch`; `sleep` records the waits and returns at
 * once, moving a fake clock, so no test waits for real (except the deadline).
 */
import type { LogFields, Logger } from "@/lib/util/log";
import { createManagementClient, type ManagementClientOptions } from "@/lib/management/client";
import { decideRetry, DEFAULT_RETRY_POLICY, rateLimitWaitMs } from "@/lib/management/retry";

const BASE = "https://tenant.example.com/api/v2/";
const TOKEN = "eyJ-the-users-own-access-token";
const OWNER = "auth0|65a000000000000000000001";
const START = Date.UTC(2026, 0, 1, 12, 0, 0);

const USER = {
  user_id: OWNER,
  email: "owner@example.com",
  identities: [
    { connection: "Username-Password-Authentication", provider: "auth0", user_id: "65a000000000000000000001", isSocial: false },
    { connection: "github", provider: "github", user_id: 1000001, isSocial: true },
  ],
};
const IDENTITIES = [USER.identities[0]];

type Answer = Response | "network_error" | "hang";

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

function auth0Error(status: number, message: string, extra: Record<string, string> = {}): Response {
  return json({ statusCode: status, error: "Error", message }, status, extra);
}

const notJson = (status = 200): Response => new Response('{"user_id": "auth0|65a0', { status, headers: { "content-type": "application/json" } });

interface Harness {
  readonly client: ReturnType<typeof createManagementClient>;
  /** Requests the client sent, as `METHOD path`. */
  readonly sent: string[];
  /** Every wait the client asked for, in ms. */
  readonly sleeps: number[];
  readonly lines: { level: string; event: string; fields: LogFields }[];
}

/** A client whose `fetch` answers `answers` in order; the clock only moves when the client sleeps. */
function harness(answers: Answer[], options: Partial<ManagementClientOptions> = {}): Harness {
  const sent: string[] = [];
  const sleeps: number[] = [];
  const lines: Harness["lines"] = [];
  let clock = START;
  const logger: Logger = {
    info: (event, fields = {}) => lines.push({ level: "info", event, fields }),
    warn: (event, fields = {}) => lines.push({ level: "warn", event, fields }),
    error: (event, fields = {}) => lines.push({ level: "error", event, fields }),
  };
  const fakeFetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    sent.push(`${init?.method ?? "GET"} ${decodeURIComponent(url.pathname)}`);
    const answer = answers.shift();
    if (answer === undefined) throw new Error("the test scripted no more answers");
    if (answer === "network_error") throw new TypeError("fetch failed");
    if (answer === "hang") {
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    }
    return answer;
  }) as typeof fetch;
  const client = createManagementClient({
    baseUrl: BASE,
    logger,
    fetch: fakeFetch,
    now: () => clock,
    random: () => 1,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    ...options,
  });
  return { client, sent, sleeps, lines };
}

const events = (h: Harness, event: string): LogFields[] => h.lines.filter((line) => line.event === event).map((line) => line.fields);

const GET_OWNER = `GET /api/v2/users/${OWNER}`;
const DELETE_GITHUB = `DELETE /api/v2/users/${OWNER}/identities/github/1000001`;
const POST_LINK = `POST /api/v2/users/${OWNER}/identities`;

describe("reading a user", () => {
  it("tries again after a 503, waiting 200 ms then 400 ms, and returns the user the third attempt reads", async () => {
    const h = harness([auth0Error(503, "down"), auth0Error(503, "down"), json(USER)]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result).toEqual({ ok: true, value: USER });
    expect(h.sent).toEqual([GET_OWNER, GET_OWNER, GET_OWNER]);
    expect(h.sleeps).toEqual([200, 400]);
    expect(events(h, "management_api.retry")).toEqual([
      { operation: "get_user", attempt: 2, code: "tenant_unavailable", status: 503, delay_ms: 200 },
      { operation: "get_user", attempt: 3, code: "tenant_unavailable", status: 503, delay_ms: 400 },
    ]);
  });

  it("gives up after two retries and reports the tenant unavailable", async () => {
    const h = harness([auth0Error(500, "x"), auth0Error(502, "x"), auth0Error(503, "x")]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result).toMatchObject({ ok: false, error: { code: "tenant_unavailable", status: 503 } });
    expect(h.sent).toHaveLength(3);
    expect(h.sleeps).toEqual([200, 400]);
    expect(events(h, "management_api.gave_up")).toEqual([expect.objectContaining({ operation: "get_user", attempts: 3, reason: "attempts_used" })]);
  });

  it("jitters each wait between half and all of the backoff", async () => {
    const low = harness([auth0Error(503, "x"), auth0Error(503, "x"), json(USER)], { random: () => 0 });
    await low.client.getUser(TOKEN, OWNER);
    expect(low.sleeps).toEqual([100, 200]);

    const middle = harness([auth0Error(503, "x"), auth0Error(503, "x"), json(USER)], { random: () => 0.5 });
    await middle.client.getUser(TOKEN, OWNER);
    expect(middle.sleeps).toEqual([150, 300]);
  });

  it("tries again when the connection fails", async () => {
    const h = harness(["network_error", json(USER)]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result.ok).toBe(true);
    expect(h.sleeps).toEqual([200]);
    expect(events(h, "management_api.retry")).toEqual([{ operation: "get_user", attempt: 2, code: "tenant_unavailable", status: undefined, delay_ms: 200 }]);
  });

  it("tries again once after an unreadable 200, then takes the readable answer", async () => {
    const h = harness([notJson(), json(USER)]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result).toEqual({ ok: true, value: USER });
    expect(h.sent).toEqual([GET_OWNER, GET_OWNER]);
    expect(events(h, "management_api.malformed_response")).toEqual([{ operation: "get_user", status: 200 }]);
  });

  it("retries a timed-out attempt once only: two deadlines are all a person waits for", async () => {
    const h = harness(["hang", "hang", json(USER)], { timeoutMs: 30 });

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result).toMatchObject({ ok: false, error: { code: "timeout" } });
    expect(h.sent).toEqual([GET_OWNER, GET_OWNER]);
    expect(h.sleeps).toEqual([200]);
    expect(events(h, "management_api.gave_up")).toEqual([expect.objectContaining({ attempts: 2, code: "timeout", reason: "timed_out_twice" })]);
  });

  it("still retries a 5xx after a timeout, within the two retries", async () => {
    const h = harness(["hang", auth0Error(503, "x"), json(USER)], { timeoutMs: 30 });

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result.ok).toBe(true);
    expect(h.sent).toHaveLength(3);
  });

  it("never retries a refusal: 400, 401, 403 and 404 answer at once", async () => {
    for (const [status, code] of [
      [400, "bad_request"],
      [401, "invalid_token"],
      [403, "forbidden"],
      [404, "not_found"],
    ] as const) {
      const h = harness([auth0Error(status, "no")]);
      const result = await h.client.getUser(TOKEN, OWNER);
      expect(result).toMatchObject({ ok: false, error: { code, status } });
      expect(h.sent).toHaveLength(1);
      expect(h.sleeps).toEqual([]);
    }
  });

  it("does not retry at all with maxRetries 0", async () => {
    const h = harness([auth0Error(503, "x")], { maxRetries: 0 });
    expect((await h.client.getUser(TOKEN, OWNER)).ok).toBe(false);
    expect(h.sent).toHaveLength(1);
  });
});

describe("a 429 from the tenant", () => {
  it("waits the Retry-After seconds when they are short, then reads", async () => {
    const h = harness([auth0Error(429, "Global limit has been reached", { "retry-after": "1" }), json(USER)]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result.ok).toBe(true);
    expect(h.sleeps).toEqual([1000]);
    expect(events(h, "management_api.retry")).toEqual([{ operation: "get_user", attempt: 2, code: "rate_limited", status: 429, delay_ms: 1000 }]);
  });

  it("waits until X-RateLimit-Reset when there is no Retry-After", async () => {
    const reset = String((START + 1500) / 1000);
    const h = harness([auth0Error(429, "limit", { "x-ratelimit-reset": reset, "x-ratelimit-remaining": "0" }), json(USER)]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result.ok).toBe(true);
    expect(h.sleeps).toEqual([1500]);
  });

  it("prefers Retry-After to X-RateLimit-Reset", async () => {
    const reset = String(START / 1000 + 60);
    const h = harness([auth0Error(429, "limit", { "retry-after": "1", "x-ratelimit-reset": reset }), json(USER)]);
    await h.client.getUser(TOKEN, OWNER);
    expect(h.sleeps).toEqual([1000]);
  });

  it("does not wait 30 s: it reports the limit at once with the seconds to wait", async () => {
    const h = harness([auth0Error(429, "limit", { "retry-after": "30" })]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: "rate_limited", status: 429, retryAfterSeconds: 30 }) });
    expect(h.sleeps).toEqual([]);
    expect(h.sent).toHaveLength(1);
    expect(events(h, "management_api.gave_up")).toEqual([expect.objectContaining({ attempts: 1, reason: "wait_too_long" })]);
  });

  it("reports the seconds until X-RateLimit-Reset when that is too long to wait", async () => {
    const h = harness([auth0Error(429, "limit", { "x-ratelimit-reset": String(START / 1000 + 45) })]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result).toMatchObject({ ok: false, error: { code: "rate_limited", retryAfterSeconds: 45 } });
    expect(h.sleeps).toEqual([]);
  });

  it("never waits more than 2 s in all: a second 1.5 s wait is reported instead", async () => {
    const h = harness([auth0Error(429, "limit", { "retry-after": "1.5" }), auth0Error(429, "limit", { "retry-after": "1.5" })]);

    const result = await h.client.getUser(TOKEN, OWNER);

    expect(result).toMatchObject({ ok: false, error: { code: "rate_limited", retryAfterSeconds: 2 } });
    expect(h.sleeps).toEqual([1500]);
    expect(h.sent).toHaveLength(2);
  });

  it("backs off when a 429 names no wait", async () => {
    const h = harness([auth0Error(429, "limit"), json(USER)]);
    await h.client.getUser(TOKEN, OWNER);
    expect(h.sleeps).toEqual([200]);
  });
});

describe("unlinking", () => {
  it("tries again after a 502 and returns the remaining identities", async () => {
    const h = harness([auth0Error(502, "bad gateway"), json(IDENTITIES)]);

    const result = await h.client.unlinkIdentity(TOKEN, OWNER, "github", "1000001");

    expect(result).toEqual({ ok: true, value: IDENTITIES });
    expect(h.sent).toEqual([DELETE_GITHUB, DELETE_GITHUB]);
  });

  it("never retries an unreadable 200: the identity was unlinked, and a retry would answer 404", async () => {
    const h = harness([notJson(200), json(IDENTITIES)]);

    const result = await h.client.unlinkIdentity(TOKEN, OWNER, "github", "1000001");

    expect(result).toMatchObject({ ok: false, error: { code: "malformed_response", status: 200 } });
    expect(h.sent).toEqual([DELETE_GITHUB]);
  });

  it("marks a 404 that answers a retry after a lost answer: the first attempt may have unlinked", async () => {
    const h = harness(["network_error", auth0Error(404, "The identity does not exist.")]);

    const result = await h.client.unlinkIdentity(TOKEN, OWNER, "github", "1000001");

    expect(result).toMatchObject({ ok: false, error: { code: "not_found", afterUnknownOutcome: true } });
  });

  it("does not mark a 404 after a 429: that attempt did nothing", async () => {
    const h = harness([auth0Error(429, "limit", { "retry-after": "1" }), auth0Error(404, "The identity does not exist.")]);

    const result = await h.client.unlinkIdentity(TOKEN, OWNER, "github", "1000001");

    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.afterUnknownOutcome).toBeUndefined();
  });
});

describe("linking", () => {
  it.each([
    ["a 503", auth0Error(503, "down") as Answer, "tenant_unavailable"],
    ["a failed connection", "network_error" as Answer, "tenant_unavailable"],
    ["an unreadable 201", notJson(201) as Answer, "malformed_response"],
    ["a 429 asking for 1 s", auth0Error(429, "limit", { "retry-after": "1" }) as Answer, "rate_limited"],
  ])("never retries the link after %s", async (_what, answer, code) => {
    const h = harness([answer, json([...USER.identities])]);

    const result = await h.client.linkWith(TOKEN, OWNER, "eyJ-secondary-id-token");

    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(h.sent).toEqual([POST_LINK]);
    expect(h.sleeps).toEqual([]);
    expect(events(h, "management_api.retry")).toEqual([]);
  });

  it("never retries the link after its deadline", async () => {
    const h = harness(["hang", json([...USER.identities])], { timeoutMs: 30 });

    const result = await h.client.linkWith(TOKEN, OWNER, "eyJ-secondary-id-token");

    expect(result).toMatchObject({ ok: false, error: { code: "timeout" } });
    expect(h.sent).toEqual([POST_LINK]);
  });
});

describe("logs", () => {
  it("never contain the user's token or the ID token, whatever fails", async () => {
    const h = harness([auth0Error(503, "x"), "network_error", auth0Error(429, "limit", { "retry-after": "60" }), notJson(201)], { timeoutMs: 30 });
    await h.client.getUser(TOKEN, OWNER);
    await h.client.linkWith(TOKEN, OWNER, "eyJ-secondary-id-token");

    const text = JSON.stringify(h.lines);
    expect(h.lines.length).toBeGreaterThan(3);
    expect(text).not.toContain("eyJ");
  });
});

describe("the retry decision", () => {
  const failed = { attempt: 1, retryMalformed: true, waitedMs: 0, timeouts: 0 } as const;

  it("uses the defaults: 2 retries, 200 ms doubling, 2 s of waiting at most", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxRetries: 2, baseDelayMs: 200, maxWaitMs: 2000 });
    expect(decideRetry(DEFAULT_RETRY_POLICY, { ...failed, error: { code: "tenant_unavailable" } }, () => 1)).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry(DEFAULT_RETRY_POLICY, { ...failed, attempt: 2, error: { code: "tenant_unavailable" } }, () => 1)).toEqual({ retry: true, delayMs: 400 });
    expect(decideRetry(DEFAULT_RETRY_POLICY, { ...failed, attempt: 3, error: { code: "tenant_unavailable" } }, () => 1)).toEqual({ retry: false, reason: "attempts_used" });
  });

  it("counts the waits already made against the 2 s", () => {
    const error = { code: "rate_limited", retryAfterSeconds: 1 } as const;
    expect(decideRetry(DEFAULT_RETRY_POLICY, { ...failed, error, serverWaitMs: 1000, waitedMs: 1000 }, () => 1)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(DEFAULT_RETRY_POLICY, { ...failed, error, serverWaitMs: 1000, waitedMs: 1001 }, () => 1)).toEqual({ retry: false, reason: "wait_too_long" });
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(rateLimitWaitMs(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(rateLimitWaitMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 12:00:07 GMT" }), now)).toBe(7000);
    expect(rateLimitWaitMs(new Headers({ "x-ratelimit-reset": String(now / 1000 + 9) }), now)).toBe(9000);
    expect(rateLimitWaitMs(new Headers({ "x-ratelimit-reset": String(now / 1000 - 9) }), now)).toBe(0);
    expect(rateLimitWaitMs(new Headers(), now)).toBeUndefined();
  });
});
