/**
 * The second login is bound to the connection the person chose. `/link/start`
 * offers only the app's connections, but the `connection=` of the authorize
 * URL is the person's own to edit: without this check, any connection enabled
 * for the application could be linked (the class of Auth.js
 * GHSA-x445-f3h2-j279, where linking state was not bound to the provider that
 * started it). The callback therefore checks that the verified `sub` belongs
 * to the transaction's connection: its provider against the connection's
 * strategy (lib/connections.ts). The strategy of a connection Auth0 names
 * after it is known; any other is read once with the machine-to-machine token
 * (`GET /api/v2/connections?name=…`, `read:connections`) and kept for the
 * life of the process (a connection's strategy never changes).
 * @see https://auth0.com/docs/api/management/v2/connections/get-connections
 */
import { signInBelongsToConnection, strategyOfKnownConnection } from "../connections";
import type { Logger } from "../log";
import type { ManagementClient } from "../management/client";
import type { MachineTokenSource } from "../management/machine-token";

/** A connection's strategy, or why it is not known. */
export type StrategyAnswer =
  | { readonly ok: true; readonly strategy: string }
  | { readonly ok: false; readonly reason: "no_machine_client" | "not_found" | "unavailable" };

/** Learns connections' strategies; see {@link createConnectionStrategies}. */
export interface ConnectionStrategies {
  strategyOf(connection: string): Promise<StrategyAnswer>;
}

/** What {@link createConnectionStrategies} needs. */
export interface ConnectionStrategiesOptions {
  readonly management: ManagementClient;
  /** Tokens granted `read:connections`; `null`: only connections named after their strategy are known. */
  readonly machineToken: MachineTokenSource | null;
  readonly logger: Logger;
}

/** A {@link ConnectionStrategies} that remembers what it read (successes only). */
export function createConnectionStrategies(options: ConnectionStrategiesOptions): ConnectionStrategies {
  const learned = new Map<string, string>();
  return {
    async strategyOf(connection) {
      const known = strategyOfKnownConnection(connection) ?? learned.get(connection);
      if (known !== undefined) return { ok: true, strategy: known };
      if (!options.machineToken) return { ok: false, reason: "no_machine_client" };
      const token = await options.machineToken.token();
      if (!token.ok) return { ok: false, reason: "unavailable" };
      const found = await options.management.connectionsByName(token.value, connection);
      if (!found.ok) {
        if (found.error.code === "invalid_token") options.machineToken.forget();
        options.logger.warn("link.connection_strategy_unread", { connection, code: found.error.code, status: found.error.status });
        return { ok: false, reason: "unavailable" };
      }
      const match = found.value.find((entry) => entry.name === connection);
      if (!match) return { ok: false, reason: "not_found" };
      learned.set(connection, match.strategy);
      return { ok: true, strategy: match.strategy };
    },
  };
}

/** Why the callback refuses a sign-in for its connection, as a link outcome; `null`: it belongs. */
export type ConnectionRefusal = { readonly code: "wrong_connection" | "tenant_unavailable" | "verification_failed"; readonly identity?: string } | null;

/**
 * Checks that the verified second sign-in `sub` comes from `connection`, the
 * one the transaction was started for. Logs `link.connection_mismatch` (with
 * both) when it does not, and `link.connection_unverifiable` when the
 * connection's strategy cannot be learned.
 */
export async function checkSignInConnection(
  context: { readonly connectionStrategies: ConnectionStrategies; readonly logger: Logger },
  primarySub: string,
  connection: string,
  sub: string,
): Promise<ConnectionRefusal> {
  const strategy = await context.connectionStrategies.strategyOf(connection);
  if (!strategy.ok) {
    context.logger.error("link.connection_unverifiable", {
      sub: primarySub,
      connection,
      reason: strategy.reason,
      ...(strategy.reason === "no_machine_client"
        ? { fix: "name the connection after its strategy, or configure AUTH0_M2M_CLIENT_ID/SECRET granted read:connections" }
        : {}),
    });
    return { code: strategy.reason === "unavailable" ? "tenant_unavailable" : "verification_failed" };
  }
  if (signInBelongsToConnection(sub, connection, strategy.strategy)) return null;
  context.logger.warn("link.connection_mismatch", { sub: primarySub, connection, strategy: strategy.strategy, signed_in: sub });
  return { code: "wrong_connection" };
}
