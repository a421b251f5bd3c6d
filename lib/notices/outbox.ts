/**
 * The notices' outbox: the link and unlink routes queue a notice (from
 * Next's `after()`, so the response never waits for it), and the outbox
 * sends it, retries it with backoff while the mail server cannot take it, and
 * logs the outcome. Queuing never throws: a notice that cannot be queued is a
 * log line, never a failed link.
 *
 * Log lines (the address always masked, `o***@example.com`; never the report
 * URL, whose token opens "This wasn't me"):
 * - `notice.sent` (info): `kind`, `attempts`, `to`, `sub`;
 * - `notice.retry` (warn): a failed attempt that will be repeated: `kind`,
 *   `attempt`, `reason`, `retryInMs`, `to`, `sub`;
 * - `notice.failed` (error): the last attempt failed, or the server refused
 *   the message for good: `kind`, `attempts`, `reason`, `to`, `sub`;
 * - `notice.invalid` (error): an event not queued, naming the `field`;
 * - `notice.enqueue_failed` (error), `notices.package_missing` (error, once),
 *   `notices.dropped` (warn: notices only this process held when it closed).
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../util/log";
import { retryDelayMs, type RetryPolicy } from "./backoff";
import type { ComposedNotice } from "./compose";
import { checkNoticeEvent, type NoticeEvent } from "./event";
import { MailSendError, type MailFailureReason, type Mailer } from "./mailer";
import { maskAddress } from "./mask";
import type { NoticeStore, PendingNotice } from "./store";

/** Options for {@link createNoticeOutbox}. */
export interface NoticeOutboxOptions {
  readonly mailer: Mailer;
  readonly logger: Logger;
  readonly store: NoticeStore;
  readonly retry: RetryPolicy;
  /** Turns an event into the message (e.g. `composeNotice` with the app's name). */
  readonly compose: (event: NoticeEvent) => ComposedNotice;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** A number in [0, 1) for the backoff's jitter; default `Math.random`. */
  readonly random?: () => number;
  /**
   * How often the store is looked at for notices due that this outbox did
   * not schedule itself (queued by an instance that stopped, or due again
   * after a claim ran out), in ms; default 5000. It also looks once at start.
   */
  readonly pollMs?: number;
  /** How long a claimed notice is due to no one else, in ms; default 120 000 (longer than a send's deadline). */
  readonly leaseMs?: number;
}

/** The outbox. */
export interface NoticeOutbox {
  /** Queues a notice and starts sending it; never throws (a failure is logged). Resolves once it is queued. */
  enqueue(event: NoticeEvent): Promise<void>;
  /**
   * Resolves once no notice waits or is being sent (each sent, or given up
   * after its last attempt, waiting out the backoff as configured).
   * @throws {Error} when notices still wait after `timeoutMs` (default 20 000).
   */
  drainForTests(options?: { readonly timeoutMs?: number }): Promise<void>;
  /** Stops looking for notices and waits for the sends under way; notices left in memory are logged (`notices.dropped`) and lost. */
  close(): Promise<void>;
}

/** How many notices are being sent at once at most. */
const MAX_IN_FLIGHT = 10;

function reasonOf(error: unknown): MailFailureReason {
  return error instanceof MailSendError ? error.code : "error";
}

/** Creates an outbox; it looks at the store at once, so notices a stopped instance left in Redis go out. */
export function createNoticeOutbox(options: NoticeOutboxOptions): NoticeOutbox {
  const { mailer, logger, store, retry } = options;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 5000;
  const leaseMs = options.leaseMs ?? 120_000;
  let closed = false;
  let running: Promise<void> | undefined;
  const inFlight = new Set<Promise<void>>();
  // Ids being sent here: a send that outlasts its claim must not be started a second time when this outbox claims the notice again.
  const sending = new Set<string>();
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let saidPackageMissing = false;

  /** Looks at the store at `at` (epoch ms), or sooner if already due to. */
  function wakeAt(at: number): void {
    if (closed || at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      void pump();
    }, Math.max(0, at - now()));
    // A waiting notice does not keep a process (a test, a script) alive.
    timer.unref();
  }

  async function attempt(notice: PendingNotice): Promise<void> {
    const { event } = notice;
    const attempts = notice.attempts + 1;
    const about = { kind: event.kind, to: maskAddress(event.to), sub: event.userId };
    try {
      await mailer.send({ to: event.to, ...options.compose(event) });
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === "package_missing" && !saidPackageMissing) {
        saidPackageMissing = true;
        logger.error("notices.package_missing", { message: (error as Error).message });
      }
      const permanent = error instanceof MailSendError ? error.permanent : false;
      if (permanent || attempts >= retry.attempts) {
        logger.error("notice.failed", { ...about, attempts, reason });
        await store.remove(notice.id);
        return;
      }
      const retryInMs = retryDelayMs(attempts, retry, options.random);
      logger.warn("notice.retry", { ...about, attempt: attempts, reason, retryInMs });
      await store.retryLater({ ...notice, attempts, dueAt: now() + retryInMs });
      wakeAt(now() + retryInMs);
      return;
    }
    logger.info("notice.sent", { ...about, attempts });
    await store.remove(notice.id);
  }

  /** Sends one claimed notice, alongside the others under way; when it ends, the store is looked at again. */
  function start(notice: PendingNotice): void {
    if (sending.has(notice.id)) return;
    sending.add(notice.id);
    const send: Promise<void> = attempt(notice)
      .catch(() => logger.error("notices.store_failed", { step: "settle" }))
      .finally(() => {
        sending.delete(notice.id);
        inFlight.delete(send);
        void pump();
      });
    inFlight.add(send);
  }

  /**
   * Claims what is due, up to {@link MAX_IN_FLIGHT} sends at once, and starts
   * sending it; one claim at a time, repeated when woken meanwhile. Never
   * waits for a send, so a slow mail server does not hold a new notice back
   * behind it.
   */
  function pump(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const room = MAX_IN_FLIGHT - inFlight.size;
        // A send that ends looks again.
        if (room <= 0) break;
        const claimed = await store.claimDue(now(), room, leaseMs);
        for (const notice of claimed) start(notice);
        if (claimed.length === room) again = true;
      } while (again && !closed);
    })()
      .catch(() => {
        // The fallback store answers from memory while Redis is away; this is a store that failed outright.
        logger.error("notices.store_failed", { step: "claim" });
      })
      // Always after `running` is assigned, even when the loop ends without waiting.
      .finally(() => {
        running = undefined;
        wakeAt(now() + pollMs);
      });
    return running;
  }

  // Notices left by an instance that stopped are due now.
  setImmediate(() => void pump()).unref();

  return {
    async enqueue(event) {
      try {
        if (closed) {
          logger.error("notice.enqueue_failed", { kind: String(event?.kind), reason: "closed" });
          return;
        }
        const checked = checkNoticeEvent(event);
        if (!checked.ok) {
          logger.error("notice.invalid", { field: checked.field });
          return;
        }
        await store.add({ id: randomUUID(), event: checked.event, attempts: 0, dueAt: now() });
        void pump();
      } catch (error) {
        logger.error("notice.enqueue_failed", { kind: String(event?.kind), reason: (error as { code?: unknown } | null)?.code === "full" ? "full" : "error" });
      }
    },
    async drainForTests(drainOptions) {
      const deadline = Date.now() + (drainOptions?.timeoutMs ?? 20_000);
      for (;;) {
        await pump();
        await Promise.all(inFlight);
        if ((await store.count()) === 0 && !running && inFlight.size === 0) return;
        if (Date.now() > deadline) throw new Error("Notices are still waiting to be sent.");
        await new Promise((resolve) => setTimeout(resolve, Math.min(25, pollMs)));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      await running;
      await Promise.all(inFlight);
      const lost = await store.close();
      if (lost > 0) logger.warn("notices.dropped", { count: lost, reason: "closed" });
      await mailer.close();
    },
  };
}
