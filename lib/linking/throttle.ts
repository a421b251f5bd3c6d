/**
 * The per-user attempt budget the start and unlink routes take from before
 * anything that reaches Auth0 (the authorize redirect, the token refresh, the
 * Management API call). Keys: `link:{sub}`, `unlink:{sub}` and `prompt:{sub}` (the look-up after a sign-in), so a user's
 * link starts and unlinks are limited separately.
 */
import type { LinkingContext } from "./options";

/** The outcome of an attempt the throttle refused: wait this many seconds. */
export interface Throttled {
  readonly code: "throttled";
  readonly retryAfterSeconds: number;
}

/**
 * Takes one attempt for `action` by `sub` from {@link LinkingContext.throttle}.
 * @returns `null` when the attempt may go ahead, a `throttled` outcome otherwise.
 * A throttle that throws lets the attempt through (fail open) and logs
 * `throttle.unavailable`: the throttle protects quota, it is not what keeps
 * accounts safe, and Auth0's own rate limit still applies.
 */
export async function takeAttempt(context: Pick<LinkingContext, "throttle" | "logger">, action: "link" | "unlink" | "prompt", sub: string): Promise<Throttled | null> {
  try {
    const decision = await context.throttle.hit(`${action}:${sub}`);
    return decision.allowed ? null : { code: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  } catch (error) {
    context.logger.warn("throttle.unavailable", { reason: (error as { code?: string }).code ?? "error", key: `${action}:${sub}`, fallback: "none" });
    return null;
  }
}
