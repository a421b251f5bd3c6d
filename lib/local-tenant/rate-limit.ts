/** A token bucket, as Auth0 rate-limits its Management API per tenant. */

/** Token-bucket settings for the Management API. */
export interface RateLimitOptions {
  /** Bucket size: the burst allowed, and `X-RateLimit-Limit`. */
  readonly limit: number;
  /** Tokens added back per second. Auth0's free tier is about 2. */
  readonly perSecond: number;
}

/** The outcome of taking a token: whether to proceed, and the header values to send. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** `X-RateLimit-Limit` */
  readonly limit: number;
  /** `X-RateLimit-Remaining` */
  readonly remaining: number;
  /** `X-RateLimit-Reset`: epoch seconds when the bucket is full again. */
  readonly reset: number;
  /** `Retry-After` seconds, meaningful when not allowed. */
  readonly retryAfter: number;
}

/** A bucket that refills continuously at `perSecond` up to `limit`. */
export class TokenBucket {
  #options: RateLimitOptions;
  #tokens: number;
  #updatedAt: number;

  constructor(options: RateLimitOptions, now: number) {
    this.#options = options;
    this.#tokens = options.limit;
    this.#updatedAt = now;
  }

  /** Changes the settings and refills the bucket. */
  reset(options: RateLimitOptions, now: number): void {
    this.#options = options;
    this.#tokens = options.limit;
    this.#updatedAt = now;
  }

  /** Takes one token at time `now` (epoch ms). */
  take(now: number): RateLimitDecision {
    const { limit, perSecond } = this.#options;
    const refill = ((now - this.#updatedAt) / 1000) * perSecond;
    const tokens = Math.min(limit, this.#tokens + refill);
    const allowed = tokens >= 1;
    this.#tokens = allowed ? tokens - 1 : tokens;
    this.#updatedAt = now;
    const secondsToFull = (limit - this.#tokens) / perSecond;
    const secondsToNext = allowed ? 0 : (1 - this.#tokens) / perSecond;
    return {
      allowed,
      limit,
      remaining: Math.floor(this.#tokens),
      reset: Math.ceil(now / 1000 + secondsToFull),
      retryAfter: Math.max(1, Math.ceil(secondsToNext)),
    };
  }
}
