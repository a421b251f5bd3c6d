/**
 * Email notices of every new and removed sign-in, each with a "This wasn't
 * me" button (issue #15): composed (./compose), queued in Redis or memory
 * (./redis-store, ./store, ./fallback-store), sent over SMTP with retries
 * (./outbox, ./mailer). {@link createNotices} builds the whole pipeline from
 * `AppConfig.notices`.
 */
import type { AppConfig } from "../config/app-config";
import type { RedisConnection } from "../shared-state/redis-connection";
import type { Logger } from "../util/log";
import type { RetryPolicy } from "./backoff";
import { localize } from "../i18n";
import { composeNotice } from "./compose";
import type { NoticeEvent } from "./event";
import { withLocalNoticeStore } from "./fallback-store";
import { createSmtpMailer, type Mailer } from "./mailer";
import { createNoticeOutbox } from "./outbox";
import { createRedisNoticeStore } from "./redis-store";
import { createMemoryNoticeStore } from "./store";

export { composeNotice, escapeHtml, NOTICE_TEXT, type ComposedNotice, type ComposeNoticeOptions } from "./compose";
export { checkNoticeEvent, isReportUrl, type NoticeEvent, type NoticeEventCheck } from "./event";
export { createSmtpMailer, mailFailureReason, MailSendError, DEFAULT_SEND_TIMEOUT_MS, type Mailer, type MailFailureReason, type OutgoingMail, type SmtpMailerOptions } from "./mailer";
export { createNoticeOutbox, type NoticeOutbox, type NoticeOutboxOptions } from "./outbox";
export { createMemoryNoticeStore, NoticeStoreFullError, type MemoryNoticeStoreOptions, type NoticeStore, type PendingNotice } from "./store";
export { createRedisNoticeStore, NOTICE_KEYS_TTL_MS, type RedisNoticeStoreOptions } from "./redis-store";
export { withLocalNoticeStore, type LocalNoticeStoreOptions } from "./fallback-store";
export { retryDelayMs, type RetryPolicy } from "./backoff";
export { maskAddress } from "./mask";
export { summariseUserAgent, MAX_USER_AGENT_LENGTH, type UserAgentSummary } from "./user-agent";

/** The notices as the link and unlink routes use them. */
export interface Notices {
  /** Queues the notice for `event` and starts sending it; never throws (failures are logged). Resolves once it is queued. */
  send(event: NoticeEvent): Promise<void>;
  /** Resolves once every queued notice was sent or given up (tests). @throws {Error} after 20 s with notices still waiting. */
  drainForTests(): Promise<void>;
  /** Stops sending; notices waiting in memory are logged (`notices.dropped`) and lost, those in Redis wait for the next instance. */
  close(): Promise<void>;
}

/**
 * Tries over about ten minutes: 8 attempts, the waits doubling from 5 s
 * (each between half and all of 5, 10, 20 … 320 s, with jitter), so a mail
 * server restarting or briefly refusing does not lose a notice.
 */
export const DEFAULT_NOTICE_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 5000, maxDelayMs: 600_000 };

/** Options for {@link createNotices}. */
export interface CreateNoticesOptions {
  /** `AppConfig.notices`; `null` (no SMTP_URL): notices are off. */
  readonly config: AppConfig["notices"];
  readonly logger: Logger;
  /** The instance's shared Redis (REDIS_URL): pending notices wait there; `null`: in this process's memory. */
  readonly redis: RedisConnection | null;
  /** The shared key prefix, e.g. `account-linking:example.eu.auth0.com:` (lib/shared-state's `sharedKeyPrefix`). */
  readonly keyPrefix: string;
  /** Overrides {@link DEFAULT_NOTICE_RETRY} (tests: short waits). */
  readonly retry?: Partial<RetryPolicy>;
  /** Instead of SMTP (tests). */
  readonly mailer?: Mailer;
  /** Clock in epoch ms (tests). */
  readonly now?: () => number;
}

/**
 * The name the notices call the app by: MAIL_FROM's display name
 * (`Example <no-reply@example.com>` → `Example`), else its address's domain.
 */
export function appNameOf(mailFrom: string): string {
  const named = /^(?:"([^"]+)"|([^<]+?))\s*<([^<>]+)>$/.exec(mailFrom.trim());
  const name = (named?.[1] ?? named?.[2])?.trim();
  if (name) return name;
  const address = named?.[3] ?? mailFrom.trim();
  return address.slice(address.lastIndexOf("@") + 1) || address;
}

/**
 * Builds the notice pipeline, or returns `null` when notices are off
 * (`config` is `null`). With `redis`, pending notices live in Redis under
 * `keyPrefix` (sent by whichever instance claims them first, once) and fall
 * back to memory while Redis cannot answer; without it, in memory.
 */
export function createNotices(options: CreateNoticesOptions): Notices | null {
  const { config, logger, redis } = options;
  if (config === null) return null;
  const appName = appNameOf(config.mailFrom);
  const local = createMemoryNoticeStore();
  const store = redis ? withLocalNoticeStore({ shared: createRedisNoticeStore({ connection: redis, keyPrefix: options.keyPrefix, logger }), local, logger }) : local;
  const outbox = createNoticeOutbox({
    mailer: options.mailer ?? createSmtpMailer({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom }),
    logger,
    store,
    retry: { ...DEFAULT_NOTICE_RETRY, ...options.retry },
    // In the language the change was made in (the app's locale, else the browser's), from the shipped catalogs.
    compose: (event) => {
      const words = localize(event.locale);
      return composeNotice(event, { appName, locale: words.locale, messages: words.messages.notice });
    },
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    send: (event) => outbox.enqueue(event),
    drainForTests: () => outbox.drainForTests(),
    close: () => outbox.close(),
  };
}
