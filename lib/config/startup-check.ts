/**
 * Start-up check for the Node.js server: a missing or malformed setting stops
 * the server with a message naming it, instead of failing requests later.
 */
import { ConfigError, loadConfig } from "./load-config";
import type { Env } from "./parse";

/**
 * Validates the settings in `env` (usually `process.env`) as the first request
 * would; on a {@link ConfigError} prints its message (every setting to fix and
 * where to set it) and exits the process with status 1. Other errors are thrown.
 * For `instrumentation.ts`, whose `register()` runs once when the server starts:
 * `if (process.env.NEXT_RUNTIME === "nodejs") validateConfigOrExit(process.env)`.
 * @see https://nextjs.org/docs/app/guides/instrumentation
 */
export function validateConfigOrExit(env: Env): void {
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
