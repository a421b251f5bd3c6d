/**
 * A short-lived, per-process memo of decrypted primary sessions, keyed by the
 * session cookies themselves.
 *
 * Every signed-in page reads the session, and the SDK decrypts the cookie each
 * time: an HKDF key derivation, a key import, AES-GCM (a WebCrypto job) and
 * JSON. Measured, that was 0.8 ms of CPU per Settings view, about 13% of it
 * (docs/benchmarks.md). The same cookie always decrypts to the same session,
 * so a page that reads the cookie it read a moment ago takes the earlier
 * result instead. It serves only what the SDK itself would answer:
 *
 * - the key is every cookie the SDK client reads the session from, under the
 *   name it is configured with (`session.cookie.name`, read off the client:
 *   lib/session/sdk-config.ts), exactly as sent (see `sessionReadKey`): another
 *   cookie, or a changed byte, is another key. Any write of the session
 *   (sign-in, roll, refresh) encrypts afresh, so a changed session is always
 *   read afresh; signing out removes the cookie;
 * - a client whose answer depends on more than that cookie is never memoized:
 *   a stateful `sessionStore` (the store may drop or change the session), a
 *   domain resolver (the session is checked against the request's host), an
 *   overridden `getSession`, or a client we do not recognise. Nor is a request
 *   carrying connection token cookies (`__FC_…`, each with its own expiry), nor
 *   a session with an upstream ceiling (`sessionExpiresAt`, checked by the SDK
 *   with a leeway of its own);
 * - only sessions are kept; a cookie the SDK rejects (tampered, expired) is
 *   decrypted, and rejected, every time;
 * - an entry is served for {@link SESSION_MEMO_TTL_MS} from its decryption,
 *   and never past the expiry its cookie carries (the `exp` the SDK returns
 *   with a stateless session), so the memo serves no session the SDK would
 *   refuse (the SDK itself allows 15 s of clock skew on top);
 * - at most {@link SESSION_MEMO_MAX_ENTRIES} sessions (about 7 KB each with its
 *   key: some 7 MB), the oldest read dropped first; entries are frozen, so no
 *   caller can change another's session.
 *
 * A stateless session cannot be revoked before it expires whether or not it
 * is memoized: the memo keeps nothing the cookie does not already grant.
 */
import { cookies } from "next/headers";
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { processSingleton } from "../util/process-singleton";
import { sdkSessionConfig } from "./sdk-config";
import { DEFAULT_SESSION_COOKIE, carriesConnectionTokens, sessionReadKey, type RequestCookieList } from "./cookie";

/** How long a decrypted session is served from the memo, in ms. */
export const SESSION_MEMO_TTL_MS = 15_000;

/** How many sessions the process memo keeps. */
export const SESSION_MEMO_MAX_ENTRIES = 1000;

/** Options for {@link createSessionMemo}. */
export interface SessionMemoOptions {
  /** Default {@link SESSION_MEMO_TTL_MS}. */
  readonly ttlMs?: number;
  /** Default {@link SESSION_MEMO_MAX_ENTRIES}. */
  readonly maxEntries?: number;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** The SDK client's session cookie name (`session.cookie.name`); default `__session`, the SDK's default. */
  readonly cookieName?: string;
}

/** Decrypted sessions by the cookies they were read from. */
export interface SessionMemo {
  /**
   * The session `cookies` carry: the memo's, while it holds one for exactly
   * these cookies, else `decrypt()`'s answer (kept when it is a session).
   * Without a session cookie, `decrypt()` answers.
   */
  read(cookies: RequestCookieList, decrypt: () => Promise<SessionData | null>): Promise<SessionData | null>;
}

interface Entry {
  readonly session: SessionData;
  readonly expiresAt: number;
}

/** A {@link SessionMemo} private to whoever holds it; pages share the process's through {@link processSessionMemo}. */
export function createSessionMemo(options: SessionMemoOptions = {}): SessionMemo {
  const ttlMs = options.ttlMs ?? SESSION_MEMO_TTL_MS;
  const maxEntries = Math.max(1, options.maxEntries ?? SESSION_MEMO_MAX_ENTRIES);
  const now = options.now ?? Date.now;
  const cookieName = options.cookieName ?? DEFAULT_SESSION_COOKIE;
  const entries = new Map<string, Entry>();

  return {
    read: async (cookieList, decrypt) => {
      // The SDK decrypts each connection token cookie on its own and drops one past its expiry: more than the session cookie decides.
      if (carriesConnectionTokens(cookieList)) return decrypt();
      const key = sessionReadKey(cookieList, cookieName);
      if (key === null) return decrypt();
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) return entry.session;
      entries.delete(key);
      const session = await decrypt();
      // The SDK ends a session at its upstream ceiling with a leeway we do not know: ask it every time.
      if (!session || hasCeiling(session)) return session;
      const expiresAt = Math.min(now() + ttlMs, cookieExpiry(session));
      if (expiresAt > now()) {
        entries.set(key, { session: deepFreeze(session), expiresAt });
        // Map order is insertion order: the first key is the oldest read.
        while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      }
      return session;
    },
  };
}

/** A memo that keeps nothing: for a client whose answer depends on more than the cookie. */
const DECRYPT_EVERY_TIME: SessionMemo = { read: async (_cookies, decrypt) => decrypt() };

/** What the memo reads sessions with: the app's `Auth0Client`. */
export interface SessionSource {
  getSession(): Promise<SessionData | null>;
}

/**
 * The process's {@link SessionMemo} for `auth0`, created on first use. One per
 * SDK client, so that a session one client decrypted is never handed to
 * another (which may hold another secret); kept on `globalThis` because a
 * Next.js build may give each page its own copy of our modules, and with it
 * its own client (each then decrypts a given cookie once per TTL). Keyed on
 * the cookie name the client is configured with; when the client's answer
 * depends on more than that cookie (lib/session/sdk-config.ts), a memo that keeps
 * nothing, so every read goes to the SDK.
 */
export function processSessionMemo(auth0: SessionSource): SessionMemo {
  const memos = processSingleton("session-memos", () => new WeakMap<SessionSource, SessionMemo>());
  let memo = memos.get(auth0);
  if (!memo) {
    const config = sdkSessionConfig(auth0);
    memo = config.cookieOnly ? createSessionMemo({ cookieName: config.cookieName }) : DECRYPT_EVERY_TIME;
    memos.set(auth0, memo);
  }
  return memo;
}

/**
 * The signed-in session for a Server Component, through the process's memo:
 * `auth0.getSession()` for the request's cookies, decrypted at most once per
 * {@link SESSION_MEMO_TTL_MS} for the same session cookies, or on every read
 * where the SDK's answer depends on more than them (see {@link processSessionMemo}).
 */
export async function readPageSession(auth0: SessionSource): Promise<SessionData | null> {
  return processSessionMemo(auth0).read(await cookies(), () => auth0.getSession());
}

/** When the session's cookie expires, in epoch ms: its `exp` claim, which the SDK returns with a stateless session; else never. */
function cookieExpiry(session: SessionData): number {
  const exp: unknown = (session as { exp?: unknown }).exp;
  return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : Number.POSITIVE_INFINITY;
}

/** Whether the session carries an upstream (IPSIE) ceiling, which the SDK enforces on every read. */
function hasCeiling(session: SessionData): boolean {
  return (session.internal as { sessionExpiresAt?: unknown } | undefined)?.sessionExpiresAt != null;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
