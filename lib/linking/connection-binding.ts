/**
 * The second login is bound to the connection the person chose. `/link/start`
 * offers only the app's connections, but the `connection=` of the authorize
 * URL is the person's own to edit: without this check, any connection enabled
 * for the application could be linked (the class of Auth.js
 * GHSA-x445-f3h2-j279, where linking state was not bound to the provider that
 * started it). The callback therefore checks that the verified `sub` belongs
 * to the transaction's connection: its provider against the connection's
 * strategy (lib/management/identities.ts). The strategy of a connection Auth0 names
 * after it is known; any other is read once with the machine-to-machine token
 * (`GET /api/v2/connections?name=…`, `read:connections`) and kept for the
 * life of the process (a connection's strategy never changes).
 * @see https://auth0.com/docs/api/management/v2/connections/get-connections
 */
import { signInBelongsToConnection, strategyOfKnownConnection } from "../management/identities";
import type { Logger } from "../util/log";
import type { ManagementClient } from "../management/client";
import type { MachineTokenSource } from "../management/machine-token";
import type { ManagementError } from "../management/types";
import { createSingleFlight } from "../util/single-flight";
import { commonFailure, type CommonFailure } from "./common-failure";

/**
 * A connection's strategy, or why it is not known: no machine client to ask
 * with, no such connection at the tenant, or the read (or the machine token
 * for it) failed with `error`.
 */
export type StrategyAnswer =
  | { readonly ok: true; readonly strategy: string }
  | { readonly ok: false; readonly reason: "no_machine_client" | "not_found" }
  | { readonly ok: false; readonly reason: "read_failed"; readonly error: ManagementError };

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

/**
 * A {@link ConnectionStrategies} that remembers what it read (successes only),
 * with one read in flight per connection: simultaneous first callbacks share it.
 */
export function createConnectionStrategies(options: ConnectionStrategiesOptions): ConnectionStrategies {
  const learned = new Map<string, string>();
  const once = createSingleFlight();
  const read = async (connection: string, machineToken: MachineTokenSource): Promise<StrategyAnswer> => {
    const token = await machineToken.token();
    if (!token.ok) return { ok: false, reason: "read_failed", error: token.error };
    const found = await options.management.connectionsByName(token.value, connection);
    if (!found.ok) {
      if (found.error.code === "invalid_token") machineToken.forget();
      options.logger.warn("link.connection_strategy_unread", { connection, code: found.error.code, status: found.error.status });
      return { ok: false, reason: "read_failed", error: found.error };
    }
    const match = found.value.find((entry) => entry.name === connection);
    if (!match) return { ok: false, reason: "not_found" };
    learned.set(connection, match.strategy);
    return { ok: true, strategy: match.strategy };
  };
  return {
    async strategyOf(connection) {
      const known = strategyOfKnownConnection(connection) ?? learned.get(connection);
      if (known !== undefined) return { ok: true, strategy: known };
      const { machineToken } = options;
      if (!machineToken) return { ok: false, reason: "no_machine_client" };
      return once(connection, () => read(connection, machineToken));
    },
  };
}

/**
 * Why the callback refuses a sign-in for its connection, as a link outcome;
 * `null`: it belongs. A failed read of the strategy is told as any other
 * Management API failure (./upstream `commonFailure`): a 503 is "not
 * answering", a 429 waits, a 403 (no `read:connections`) is a refusal, not an
 * outage that trying again would get past.
 */
export type ConnectionRefusal = { readonly code: "wrong_connection" | "verification_failed" } | CommonFailure | null;

const FIXES = {
  no_machine_client: "name the connection after its strategy, or configure AUTH0_M2M_CLIENT_ID/SECRET granted read:connections",
  not_found: "LINK_CONNECTIONS names a connection the tenant does not have: correct the name",
  read_failed: undefined,
} as const;

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
    const fix = FIXES[strategy.reason];
    context.logger.error("link.connection_unverifiable", {
      sub: primarySub,
      connection,
      reason: strategy.reason,
      ...(strategy.reason === "read_failed" ? { code: strategy.error.code, status: strategy.error.status } : {}),
      ...(fix === undefined ? {} : { fix }),
    });
    return strategy.reason === "read_failed" ? commonFailure(strategy.error) : { code: "verification_failed" };
  }
  if (signInBelongsToConnection(sub, connection, strategy.strategy)) return null;
  context.logger.warn("link.connection_mismatch", { sub: primarySub, connection, strategy: strategy.strategy, signed_in: sub });
  return { code: "wrong_connection" };
}
