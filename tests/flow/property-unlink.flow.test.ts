/**
 * Property: whatever POST /link/unlink receives — any `identity` (bars,
 * slashes, dot segments, percent-encoding, unicode, empty, huge, repeated),
 * any body and content type, any Origin, signed in or not — it answers a
 * 303 on the app's own origin (Settings, or the sign-in) or a 403 with a
 * plain sentence. Never a 500, never an exception, and the tenant changes
 * only as asked: the one linked identity is never removed by a request that
 * did not name it exactly, and the only writes the Management API sees are
 * DELETEs on the signed-in user's own identities, which it answers 404.
 */
import fc from "fast-check";
import { UNLINK_OUTCOMES, parseIdentityId } from "@/lib/linking";
import { ACCOUNTS, APP, OWNER_ID, useLocalTenant } from "../support/app";
import { anyText, originHeader } from "../support/arbitraries";
import { CookieJar } from "../support/browser";
import { redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const { tenant } = useLocalTenant();
// A per-user unlink throttle would end most of these runs before the tenant is asked; lift it so each run goes deep.
const running = useApp({ LINK_THROTTLE_PER_MINUTE: "9999" });
captureLogs();

const LINKED = "github|1000001";
const CROSS_ORIGIN_TEXT = "This request did not come from this site's own pages, so nothing was changed.";

/** Identities shaped like real ones, around the linked one and the other users'. */
const identityLike = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom("github", "github", "auth0", "google-oauth2", "samlp", "GitHub", "git hub", "..", "%2F", "", "github/") },
      { weight: 1, arbitrary: anyText() },
    ),
    fc.oneof(
      fc.constantFrom("1000001", "1000002", "65a000000000000000000001", "65a000000000000000000003", "100000000000000000001", "1000001/../x", "../../users/x", "%2e%2e%2f", "1000001%2F..", "1000001?x=1", "1000001#x", "1000001 ", "acme|jane", ""),
      anyText(),
    ),
  )
  .map(([provider, userId]) => `${provider}|${userId}`);

const body = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("form" as const), identities: fc.array(fc.oneof({ weight: 3, arbitrary: identityLike }, { weight: 1, arbitrary: anyText() }), { minLength: 0, maxLength: 3 }), extra: fc.array(fc.tuple(anyText(), anyText()), { maxLength: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      contentType: fc.constantFrom(undefined, "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data", "application/json", "text/plain"),
      text: anyText(),
    }),
  },
);

const request = fc
  .record({ signedIn: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    // Mostly from our own page, so most runs get past the Origin check.
    origin: fc.oneof({ weight: 3, arbitrary: fc.constant<string | null>(APP) }, { weight: 2, arbitrary: originHeader(APP) }),
    body,
  })
  // The one request that is meant to unlink: from our page, signed in, naming the linked identity first. Tested elsewhere.
  .filter(({ signedIn, origin, body: sent }) => !(signedIn && origin?.trim() === APP && sent.kind === "form" && sent.identities[0] === LINKED));

function identitiesOfEveryone(): Record<string, string[]> {
  return Object.fromEntries(tenant().listUsers().map((user) => [user.user_id, user.identities.map((identity) => `${identity.provider}|${identity.user_id}`)]));
}

describe("the unlink route, for any form and Origin", () => {
  it("answers a 303 on this site or a plain 403, and changes nothing on the tenant", async () => {
    const person = running.person();
    await person.signIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    const before = identitiesOfEveryone();
    const anonymous = new CookieJar();
    const reachedTenant: string[] = [];

    await fc.assert(
      fc.asyncProperty(request, async ({ signedIn, origin, body: sent }) => {
        tenant().requestLog.length = 0;
        const headers: Record<string, string> = origin === null ? {} : { origin };
        let text: string;
        if (sent.kind === "form") {
          const form = new URLSearchParams();
          for (const identity of sent.identities) form.append("identity", identity);
          for (const [key, value] of sent.extra) form.append(key, value);
          headers["content-type"] = "application/x-www-form-urlencoded";
          text = form.toString();
        } else {
          if (sent.contentType !== undefined) headers["content-type"] = sent.contentType;
          text = sent.text;
        }

        const response = await running.app().unlink(running.request(`${APP}/link/unlink`, signedIn ? person.app : anonymous, { method: "POST", headers, body: text }));

        // Headers drop surrounding spaces, as browsers and servers do.
        const sameOrigin = origin !== null && origin.trim() === APP;
        if (!sameOrigin) {
          expect(response.status).toBe(403);
          expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
          expect(await response.text()).toBe(CROSS_ORIGIN_TEXT);
        } else {
          expect([303, 307]).toContain(response.status);
          const location = new URL(response.headers.get("location") ?? "");
          expect(location.origin).toBe(APP);
          if (!signedIn) {
            expect(`${location.pathname}${location.search}`).toBe("/auth/login?returnTo=%2Fsettings");
          } else {
            expect(location.pathname).toBe("/settings");
            expect(UNLINK_OUTCOMES).toContain(location.searchParams.get("unlink"));
            expect(location.searchParams.get("unlink")).not.toBe("unlinked");
            for (const key of location.searchParams.keys()) expect(["unlink", "identity", "retry"]).toContain(key);
          }
        }
        // Nobody's identities changed.
        expect(identitiesOfEveryone()).toEqual(before);
        // The only writes: the signed-in user's own unlink endpoint, for the identity the form named, answered 404.
        const writes = tenant().requestLog.filter((entry) => entry.method !== "GET");
        if (writes.length > 0) {
          const named = sent.kind === "form" ? parseIdentityId(sent.identities[0]) : null;
          expect(named).not.toBeNull();
          expect(writes).toEqual([{ method: "DELETE", path: `/api/v2/users/${OWNER_ID}/identities/${named?.provider}/${named?.userId}`, status: 404 }]);
          reachedTenant.push(`${named?.provider}|${named?.userId}`);
        }
      }),
      { numRuns: 200 },
    );

    // The property reached the tenant often enough to mean something.
    expect(reachedTenant.length).toBeGreaterThan(4);
    // And the one legitimate request still works afterwards.
    expect(redirectOf(await person.unlink(LINKED)).params).toEqual({ unlink: "unlinked", identity: LINKED });
  });
});
