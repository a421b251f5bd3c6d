/**
 * What a shared store does while Redis cannot answer: the caller uses this
 * instance's own state instead, and the operator reads one line when the
 * episode starts and one when it ends, not one per request.
 *
 * Why fail open (to per-instance state) rather than closed: every part kept
 * in Redis has a safe per-instance meaning (a cache that misses more, a budget
 * counted per instance, a replay guard that still refuses replays on this
 * instance while Auth0 refuses a code used twice), and refusing links and
 * Settings views for as long as Redis is down would fail people for nothing.
 */
import type { Logger } from "../util/log";
import type { RedisUnavailableReason } from "./redis-connection";

const REASONS: readonly RedisUnavailableReason[] = ["not_connected", "timeout", "error"];

/** One part's episodes of falling back (e.g. the user cache's). */
export interface FallbackEpisodes {
  /**
   * Runs `shared`; when it throws, logs `{part}.unavailable` (warn, first
   * failure of an episode only) and runs `local` instead. The next success of
   * `shared` ends the episode: `{part}.recovered` (info) with how many calls
   * fell back, and `onRecovered` runs.
   */
  run<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T>;
}

/** Options for {@link createFallbackEpisodes}. */
export interface FallbackEpisodesOptions {
  readonly logger: Logger;
  /** The event prefix, e.g. `user_cache`. */
  readonly part: string;
  /** What the fallback is, for the log line; default `memory`. */
  readonly fallback?: string;
  /** Runs when an episode ends (the shared store answers again). */
  readonly onRecovered?: () => void;
}

/**
 * The reason an error gives for a log line: the `code` of a
 * `RedisUnavailableError` (or of the throttle's `ThrottleUnavailableError`,
 * which carries the same codes), else `error`.
 */
export function unavailableReason(error: unknown): RedisUnavailableReason {
  const code = (error as { code?: unknown } | null)?.code;
  return REASONS.find((reason) => reason === code) ?? "error";
}

/** Creates the {@link FallbackEpisodes} of one part. */
export function createFallbackEpisodes(options: FallbackEpisodesOptions): FallbackEpisodes {
  const { logger, part } = options;
  let fallbacks = 0;
  let since = 0;
  return {
    async run(shared, local) {
      let value;
      try {
        value = await shared();
      } catch (error) {
        if (fallbacks === 0) {
          since = Date.now();
          logger.warn(`${part}.unavailable`, { reason: unavailableReason(error), fallback: options.fallback ?? "memory" });
        }
        fallbacks += 1;
        return local();
      }
      if (fallbacks > 0) {
        logger.info(`${part}.recovered`, { fallbacks, seconds: Math.round((Date.now() - since) / 1000) });
        fallbacks = 0;
        options.onRecovered?.();
      }
      return value;
    },
  };
}
