/**
 * Start-up check for the Node.js server: a missing or malformed setting stops
 * the server with a message naming it, instead of failing requests later.
 */
import { ConfigError, getConfig } from "./load-config";

/** Validates the configuration; prints what is wrong and exits on a {@link ConfigError}. */
export function validateConfigOrExit(): void {
  try {
    getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
