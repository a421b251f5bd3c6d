/**
 * The SDK client's session configuration, as the client itself holds it:
 * which cookie it reads the session from, and whether its answer depends on
 * that cookie alone. The session memo (lib/session/memo.ts), the token-fresh
 * hint (lib/session/token-refresh.ts) and the roll marker (lib/session/rolling.ts)
 * follow it.
 *
 * Why read it off the client rather than take it as an option: an app passes
 * its options to `new Auth0Client` once; a second copy given to us could
 * differ from the first, and the memo would then be keyed on cookies the SDK
 * does not read. The SDK has no public accessor, so this reads the two
 * members its own `getSession()` uses (`sessionStore`, `provider`; private to
 * TypeScript, plain properties at run time). Anything that does not look
 * exactly as @auth0/nextjs-auth0 4.30 builds it counts as unknown, which turns
 * the memo off (decrypt every time) and the hint off (check every time): an
 * SDK upgrade that moves them costs speed, never correctness, and
 * tests/unit/session-config.test.ts fails so that it is noticed.
 */
import { Auth0Client } from "@auth0/nextjs-auth0/server";

/** What {@link sdkSessionConfig} could tell about a client. */
export type SdkSessionConfig =
  | {
      /** The session cookie's name (`session.cookie.name`, default `__session`); its chunks are `{name}__0`, `{name}__1`, … */
      readonly cookieName: string;
      /**
       * Whether the client's `getSession()` answer follows from the request's
       * session cookies and the clock alone: the SDK's own `getSession` (not
       * overridden, not blocked by Enterprise Connect), the stateless store (no
       * `sessionStore`), one static domain (no domain resolver), and a cookie
       * name the SDK matches literally. Only then may its answer be memoized.
       */
      readonly cookieOnly: boolean;
    }
  | { readonly cookieName: null; readonly cookieOnly: false };

const UNKNOWN: SdkSessionConfig = { cookieName: null, cookieOnly: false };

/**
 * Names whose chunks the SDK finds as we do: it matches `^{name}__\d+$` with
 * the name unescaped, so a `.`, `+` or `*` in it would match other cookies too.
 */
const LITERAL_NAME = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * The session configuration of `auth0` (an `Auth0Client`), read off the
 * client; `{ cookieName: null, cookieOnly: false }` when it is not one we
 * recognise (a stand-in, or another SDK version). Never throws.
 * @see https://auth0.github.io/nextjs-auth0/types/types.SessionConfiguration.html
 */
export function sdkSessionConfig(auth0: unknown): SdkSessionConfig {
  if (typeof auth0 !== "object" || auth0 === null) return UNKNOWN;
  const { sessionStore, provider } = auth0 as { sessionStore?: unknown; provider?: unknown };
  if (typeof sessionStore !== "object" || sessionStore === null) return UNKNOWN;
  const store = sessionStore as { sessionCookieName?: unknown; store?: unknown; connectionTokenSetsCookieName?: unknown };
  const cookieName = store.sessionCookieName;
  if (typeof cookieName !== "string" || cookieName === "") return UNKNOWN;
  const cookieOnly =
    // A subclass's getSession, or Enterprise Connect's stub (an own property), may answer otherwise.
    auth0 instanceof Auth0Client &&
    auth0.getSession === Auth0Client.prototype.getSession &&
    // The stateless store keeps the session in the cookie; a stateful one holds it elsewhere, where it can change or vanish.
    // Two marks of the stateless store, on purpose: if a later SDK renames one, the other still keeps a stateful store out.
    store.store === undefined &&
    typeof store.connectionTokenSetsCookieName === "string" &&
    // A domain resolver checks the session against the request's host, not just its cookie.
    (provider as { isResolverMode?: unknown } | null | undefined)?.isResolverMode === false &&
    LITERAL_NAME.test(cookieName);
  return { cookieName, cookieOnly };
}

/**
 * The path of the SDK client's callback route (`routes.callback`, default
 * `/auth/callback`), read off the client as above; the default when it is
 * not one we recognise. Never throws.
 */
export function sdkCallbackPath(auth0: unknown): string {
  const routes = typeof auth0 === "object" && auth0 !== null ? (auth0 as { routes?: unknown }).routes : undefined;
  const callback = typeof routes === "object" && routes !== null ? (routes as { callback?: unknown }).callback : undefined;
  return typeof callback === "string" && callback.startsWith("/") && !callback.startsWith("//") ? callback : "/auth/callback";
}
