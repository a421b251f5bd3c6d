/** Shared by the configuration tests: a complete environment, and the problems a bad one is refused with. */
import { ConfigError, loadConfig } from "@/lib/config/load-config";

/** The smallest environment `loadConfig` accepts (a real tenant). */
export const VALID_ENV = {
  AUTH0_DOMAIN: "my-tenant.eu.auth0.com",
  AUTH0_CLIENT_ID: "client-id",
  AUTH0_CLIENT_SECRET: "client-secret",
  AUTH0_SECRET: "0123456789abcdef0123456789abcdef",
} as const;

/** The problems `loadConfig` names for `env`; fails the test if it accepts it. */
export function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}
