/**
 * Property: whatever query string reaches GET /link/callback — any `code`,
 * `state`, `error`, `error_description`, extra or repeated parameters,
 * unicode, very long values — with or without a real transaction cookie in
 * the browser, the callback answers a 303 to Settings on the app's own origin
 * with one of its own outcome codes. Never a 500, never an exception, never a
 * link: no user's identities change and the Management API sees no write.
 */
import fc from "fast-check";
import { LINK_OUTCOMES } from "@/lib/linking";
import { ACCOUNTS, APP, OWNER_ID, useLocalTenant } from "../support/app";
import { anyText } from "../support/arbitraries";
import { noticeFor, putCookie, stateOf, transactionCookieNames, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const { tenant } = useLocalTenant();
// A per-user link throttle would end most of these runs before the callback; lift it so each run goes deep.
const running = useApp({ LINK_THROTTLE_PER_MINUTE: "9999" });
captureLogs();

/** Stands for the state of the transaction the run started (when it started one). */
const REAL_STATE = Symbol("the real state");

const KEYS = ["code", "state", "error", "error_description", "iss", "session_state", "returnTo", "link", "identity", "retry", "response_mode", "state[]", "STATE", "code "];

const query = fc.record({
  /** Start a real link first, so a genuine transaction cookie is in the browser. */
  withTransaction: fc.boolean(),
  /** The first `state`: the real one (when there is one), any text, or none. */
  state: fc.oneof(
    { weight: 3, arbitrary: fc.constant<typeof REAL_STATE>(REAL_STATE) },
    { weight: 1, arbitrary: anyText() },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  /** A garbage `__link_txn_{state}` cookie for a well-formed state the URL names that is not the real one. */
  forgedCookie: fc.option(fc.stringMatching(/^[A-Za-z0-9_~*.-]{0,300}$/), { nil: undefined }),
  /** More parameters, in any order after the state: `code`, `error`, a second `state`, anything. */
  params: fc.array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: anyText() }),
      fc.oneof({ weight: 3, arbitrary: anyText() }, { weight: 1, arbitrary: fc.constant<typeof REAL_STATE>(REAL_STATE) }),
    ),
    { maxLength: 8 },
  ),
  /** Percent-encode the pairs as a browser would, or put the text into the URL raw. */
  raw: fc.boolean(),
});

function identitiesOfEveryone(): Record<string, string[]> {
  return Object.fromEntries(tenant().listUsers().map((user) => [user.user_id, user.identities.map((identity) => `${identity.provider}|${identity.user_id}`)]));
}

describe("the link callback, for any query string", () => {
  it("answers a 303 to Settings on this site with one of its own outcomes, and links nothing", async () => {
    const person = running.person();
    await person.signIn();
    const before = identitiesOfEveryone();
    tenant().requestLog.length = 0;
    let deep = 0;

    await fc.assert(
      fc.asyncProperty(query, async ({ withTransaction, state, forgedCookie, params, raw }) => {
        let realState: string | undefined;
        if (withTransaction) {
          const start = await person.startLink("github");
          expect(start.status).toBe(303);
          realState = stateOf(start.headers.get("location") ?? "");
        }
        const real = (value: string | typeof REAL_STATE): string => (value === REAL_STATE ? (realState ?? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") : value);
        const pairs = [...(state === undefined ? [] : [["state", real(state)] as const]), ...params.map(([key, value]) => [key, real(value)] as const)];
        const search = raw ? pairs.map(([key, value]) => `${key}=${value}`).join("&") : new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
        const named = new URL(`${APP}/link/callback?${search}`).searchParams.get("state");
        if (forgedCookie !== undefined && named !== null && named !== realState && /^[A-Za-z0-9_-]{16,128}$/.test(named)) putCookie(person.app, `__link_txn_${named}`, forgedCookie || "x");
        if (realState !== undefined && named === realState) deep += 1;

        const response = await person.openCallback(`${APP}/link/callback?${search}`);

        expect(response.status).toBe(303);
        const location = new URL(response.headers.get("location") ?? "");
        expect(`${location.origin}${location.pathname}`).toBe(`${APP}/settings`);
        const outcome = location.searchParams.get("link");
        expect(LINK_OUTCOMES).toContain(outcome);
        expect(outcome).not.toBe("linked");
        for (const key of location.searchParams.keys()) expect(["link", "identity", "retry"]).toContain(key);
        expect(response.headers.get("cache-control")).toBe("no-store");
        // Only our own sentences, and never a success.
        expect(noticeFor(location, tenant(), OWNER_ID)?.kind ?? "alert").toBe("alert");
        // Nothing changed on the tenant, and the Management API was asked for no change.
        expect(identitiesOfEveryone()).toEqual(before);
        expect(tenant().requestLog.filter((entry) => entry.method !== "GET")).toEqual([]);
        // The transaction that answered this callback is gone.
        if (named !== null) expect(transactionCookieNames(person.app)).not.toContain(`__link_txn_${named}`);
      }),
      { numRuns: 150 },
    );

    // Some runs named the real transaction, so the code exchange and its refusals were exercised too.
    expect(deep).toBeGreaterThan(10);
    // The person is still signed in as themselves, and can still link.
    const back = await person.link("github", ACCOUNTS.ownerGithub);
    expect(back.searchParams.get("link")).toBe("linked");
  });
});
