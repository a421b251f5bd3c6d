/**
 * Start-up check for the Node.js server: a missing or malformed setting stops
 * the server with a message naming it, instead of failing requests later; a
 * setting whose absence turns a safeguard off is said once, here.
 */
import { consoleLogger, type Logger } from "../util/log";
import type { AppConfig } from "./app-config";
import { ConfigError, loadConfig } from "./load-config";
import type { Env } from "./parse";

/** What `notices.off` says: why it matters and how to turn notices on. */
export const NOTICES_OFF_MESSAGE =
  'Email notices of new and removed sign-ins are off: SMTP_URL is not set, so an account\'s owner is not told when a sign-in is added to or removed from their account. To send them, set SMTP_URL (e.g. smtps://user:password@smtp.example.com:465) and MAIL_FROM (e.g. "Example <no-reply@example.com>").';

/**
 * Says once that notices are off (`notices.off`): a warning with a real tenant,
 * where a hijacked session could add a sign-in unnoticed; an info line with the
 * local tenant, where only a developer is affected.
 */
export function reportNoticesOff(config: AppConfig, logger: Logger): void {
  if (config.notices !== null) return;
  if (config.auth0.isLocalTenant) logger.info("notices.off", { message: NOTICES_OFF_MESSAGE });
  else logger.warn("notices.off", { message: NOTICES_OFF_MESSAGE });
}

/**
 * Validates the settings in `env` (usually `process.env`) as the first request
 * would; on a {@link ConfigError} prints its message (every setting to fix and
 * where to set it) and exits the process with status 1. Other errors are thrown.
 * Logs `notices.off` once when SMTP_URL is not set (a warning unless the
 * tenant is the local one).
 * For `instrumentation.ts`, whose `register()` runs once when the server starts:
 * `if (process.env.NEXT_RUNTIME === "nodejs") validateConfigOrExit(process.env)`.
 * @param logger where `notices.off` goes; default JSON lines on the console.
 * @see https://nextjs.org/docs/app/guides/instrumentation
 */
export function validateConfigOrExit(env: Env, logger: Logger = consoleLogger): void {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  reportNoticesOff(config, logger);
}
