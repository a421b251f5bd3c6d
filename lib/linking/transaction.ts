/**
 * The linking transaction: what the callback needs to finish a second login
 * safely, kept in a short-lived cookie encrypted and signed with iron-session.
 * One cookie per transaction, named after its `state`, so links started in
 * several tabs never clobber each other. A transaction is read once: the
 * callback deletes its cookie whatever the outcome, and a replay guard refuses
 * a `state` that was already used.
 */
import { sealData, unsealData } from "iron-session";

/** Cookie name prefix; the full name is `__link_txn_{state}`. */
export const TRANSACTION_COOKIE_PREFIX = "__link_txn_";

/** What a transaction holds. */
export interface LinkTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** `sub` of the primary user who started it. */
  readonly primarySub: string;
  /** The connection asked for, e.g. `github`. */
  readonly connection: string;
  /** Safe, same-origin path to return to. */
  readonly returnTo: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** For a suggested account: its `provider|user_id`, the only `sub` the second sign-in may return. */
  readonly suggestedSub?: string;
  /**
   * `reauthenticate`: this login is the primary signing in again before a link
   * (their sign-in was too old); it must return `primarySub`, and links
   * nothing: Settings then offers to continue linking `connection`. Absent: the
   * second login of the link itself.
   */
  readonly purpose?: "reauthenticate" | "report" | "prompt";
  /**
   * `prompt` (./prompt): the link offered at sign-in. `primarySub` is the
   * session's new sign-in, `suggestedSub` the existing account the second
   * login must return, `connection` that account's own.
   *
   * `report`: the owner signing in again after "This wasn't me" (lib/report):
   * the sealed report token it is for, opened again at the callback.
   */
  readonly reportToken?: string;
  /** `report`: whether the button removed the reported sign-in (the result page says so). */
  readonly reportRemoved?: boolean;
}

/** Options for reading and writing transactions. */
export interface TransactionOptions {
  /** At least 32 characters. */
  readonly secret: string;
  /** Lifetime in seconds. */
  readonly ttlSeconds: number;
  /** Set `Secure` on the cookie (the app is served over https). */
  readonly secure: boolean;
  /** Cookie path: the linking routes' parent path, so no other request carries it. */
  readonly path: string;
}

const STATE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** Whether `state` has the shape we generate; anything else is refused before any lookup. */
export function isWellFormedState(state: string | null): state is string {
  return state !== null && STATE_PATTERN.test(state);
}

/** The cookie name for a transaction's `state`. */
export function transactionCookieName(state: string): string {
  return `${TRANSACTION_COOKIE_PREFIX}${state}`;
}

/** A `Set-Cookie` value that stores the transaction. */
export async function sealTransaction(transaction: LinkTransaction, options: TransactionOptions): Promise<string> {
  // iron's own expiry is a backstop; the callback checks createdAt against the app's clock.
  const sealed = await sealData(transaction, { password: options.secret, ttl: options.ttlSeconds + 60 });
  return serializeCookie(transactionCookieName(transaction.state), sealed, options, options.ttlSeconds);
}

/** A `Set-Cookie` value that deletes the transaction for `state`. */
export function deleteTransactionCookie(state: string, options: TransactionOptions): string {
  return serializeCookie(transactionCookieName(state), "", options, 0);
}

/**
 * Opens a sealed transaction. A missing, tampered, re-encrypted or malformed
 * value is `null`, never an exception.
 */
export async function unsealTransaction(sealed: string | undefined, options: TransactionOptions): Promise<LinkTransaction | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<Partial<LinkTransaction>>(sealed, { password: options.secret, ttl: options.ttlSeconds + 60 });
    return isTransaction(data) ? data : null;
  } catch {
    return null;
  }
}

function isTransaction(data: Partial<LinkTransaction>): data is LinkTransaction {
  return (
    typeof data.state === "string" &&
    typeof data.nonce === "string" &&
    typeof data.codeVerifier === "string" &&
    typeof data.primarySub === "string" &&
    typeof data.connection === "string" &&
    typeof data.returnTo === "string" &&
    typeof data.createdAt === "number" &&
    // Checked as an identity id when the transaction was started; sealed since.
    (data.suggestedSub === undefined || (typeof data.suggestedSub === "string" && data.suggestedSub.length <= 300)) &&
    (data.purpose === undefined || data.purpose === "reauthenticate" || data.purpose === "report" || data.purpose === "prompt") &&
    (data.reportToken === undefined || (typeof data.reportToken === "string" && data.reportToken.length <= 4096)) &&
    (data.reportRemoved === undefined || typeof data.reportRemoved === "boolean")
  );
}

function serializeCookie(name: string, value: string, options: TransactionOptions, maxAge: number): string {
  const attributes = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Lax"];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}

/**
 * Remembers which transactions were used, so a replayed callback is refused
 * even if the browser kept the cookie. {@link createMemoryReplayGuard} remembers
 * in this process; with REDIS_URL every instance shares one memory
 * (lib/shared-state/replay-guard.ts).
 */
export interface ReplayGuard {
  /**
   * Marks `state` used until `expiresAt` (epoch ms).
   * @returns false if it was already used. Never rejects: a store that cannot
   * answer falls back to this instance's memory (logged by the store).
   */
  use(state: string, expiresAt: number, now: number): Promise<boolean>;
}

/** A {@link ReplayGuard} in this process's memory: per app instance. */
export function createMemoryReplayGuard(): ReplayGuard {
  const used = new Map<string, number>();
  return {
    use(state, expiresAt, now) {
      for (const [key, until] of used) if (until <= now) used.delete(key);
      if (used.has(state)) return Promise.resolve(false);
      used.set(state, expiresAt);
      return Promise.resolve(true);
    },
  };
}
