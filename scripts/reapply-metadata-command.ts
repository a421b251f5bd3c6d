/**
 * What `npm run metadata:reapply` does (scripts/reapply-metadata.ts reads the
 * settings and calls this), apart so tests run it against a local tenant and
 * a real Redis.
 *
 * - `<record.json | file:/…>`: a record the instance's directory kept;
 * - `redis:account-linking:…`: a record in Redis (REDIS_URL), readable from
 *   any machine with the app's settings;
 * - `--list`: the records waiting in Redis for this tenant (where, when,
 *   whose; never their metadata);
 * - `--keep`: leave a finished record in place.
 *
 * Exit code: 0 all finished, 1 some record could not be finished, 2 usage or settings.
 */
import { readFile, rm } from "node:fs/promises";
import type { AppConfig } from "../lib/config/app-config";
import { ConfigError } from "../lib/config/load-config";
import { isRecoveryRecord, reapplyMetadataRecord, type ReapplyResult } from "../lib/linking/reapply-metadata";
import { createManagementClient } from "../lib/management/client";
import { createMachineTokenSource } from "../lib/management/machine-token";
import { unavailableReason } from "../lib/shared-state/fallback";
import { deleteRecoveryRecord, listRecoveryRecords, readRecoveryRecord, recoveryKeyOf } from "../lib/shared-state/recovery-store";
import { createRedisConnection, type RedisConnection } from "../lib/shared-state/redis-connection";
import { sharedKeyPrefix } from "../lib/shared-state";
import type { Logger } from "../lib/util/log";

/** What the command prints (exit 2) when its arguments will not do. */
export const USAGE = [
  "usage: npm run metadata:reapply -- [--keep] <record.json | file:/…/record.json> …",
  "       npm run metadata:reapply -- [--keep] <redis:account-linking:…> …",
  "       npm run metadata:reapply -- --list",
].join("\n");

/** Where the command writes: `out` for what was done, `err` for what was not. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** What the command runs on. */
export interface ReapplyCommandDeps {
  /** The app's settings; throws {@link ConfigError} when they are incomplete (printed, exit 2). */
  readonly config: () => AppConfig;
  readonly output: CommandOutput;
  /** For the Management API client, the machine token and the Redis connection. */
  readonly logger: Logger;
  /** Deadline for each Redis command, in ms; default 5000 (an operator can wait longer than a person). */
  readonly redisTimeoutMs?: number;
}

/** Whether the record has nothing left to do after this result. */
function done(result: ReapplyResult): boolean {
  return result.status === "merged" || result.status === "nothing_to_add" || result.status === "not_linked";
}

function describe(result: ReapplyResult): string {
  switch (result.status) {
    case "merged":
      return `merged: sent ${JSON.stringify(result.patch)}`;
    case "nothing_to_add":
      return "nothing to add: the primary already holds every key";
    case "not_linked":
      return "not linked: the secondary is still a user of its own and keeps its metadata";
    case "secondary_elsewhere":
      return "NOT applied: the primary does not hold the secondary identity, and the secondary is not a user of its own (linked elsewhere or deleted); decide by hand";
    case "failed":
      return `NOT applied: ${result.step} failed (${result.error.code}${result.error.status ? ` ${result.error.status}` : ""}); run again`;
  }
}

/** Runs the command for `args` (what follows `--`). */
export async function runReapplyMetadata(args: readonly string[], deps: ReapplyCommandDeps): Promise<number> {
  const { output } = deps;
  const keep = args.includes("--keep");
  const list = args.includes("--list");
  const unknown = args.filter((arg) => arg.startsWith("--") && arg !== "--keep" && arg !== "--list");
  const locations = args.filter((arg) => !arg.startsWith("--"));
  // --list takes no locations, and without it there must be some.
  if (unknown.length > 0 || (list ? locations.length > 0 : locations.length === 0)) {
    output.err(USAGE);
    return 2;
  }
  let config: AppConfig;
  try {
    config = deps.config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(error.message);
    return 2;
  }
  const redisUrl = config.throttle.redisUrl;
  const needsRedis = list || locations.some((location) => location.startsWith("redis:"));
  if (needsRedis && redisUrl === null) {
    output.err("REDIS_URL is not set: records in Redis (redis:… locations, --list) are read through the app's Redis. Set REDIS_URL as the app has it (environment or .env.local).");
    return 2;
  }
  // Files only: no connection, so a Redis that is down does not get in the way.
  const connection = needsRedis && redisUrl !== null ? createRedisConnection({ url: redisUrl, timeoutMs: deps.redisTimeoutMs ?? 5000, logger: deps.logger }) : null;
  try {
    const keyPrefix = sharedKeyPrefix(config.auth0.origin);
    if (list) return await listRecords(connection!, keyPrefix, output);
    return await reapplyRecords(config, locations, { keep, connection, keyPrefix, output, logger: deps.logger });
  } finally {
    await connection?.close();
  }
}

async function listRecords(connection: RedisConnection, keyPrefix: string, output: CommandOutput): Promise<number> {
  let records;
  try {
    records = await listRecoveryRecords(connection, keyPrefix);
  } catch (error) {
    output.err(`Cannot list the records in Redis (${unavailableReason(error)}).`);
    return 1;
  }
  if (records.length === 0) output.out(`No metadata recovery records are waiting in Redis (${keyPrefix}).`);
  for (const record of records) {
    output.out(`${record.location}  created ${record.createdAt}  expires ${record.expiresAt ?? "never"}  primary ${record.primaryId ?? "?"}  secondary ${record.secondaryId ?? "?"}`);
  }
  return 0;
}

interface ReapplyRun {
  readonly keep: boolean;
  readonly connection: RedisConnection | null;
  readonly keyPrefix: string;
  readonly output: CommandOutput;
  readonly logger: Logger;
}

/** A record's contents (`null`: a Redis record no longer there), or why it cannot be read. */
async function readRecord(location: string, run: ReapplyRun): Promise<{ readonly value: unknown } | { readonly problem: string }> {
  if (location.startsWith("redis:")) {
    if (recoveryKeyOf(location, run.keyPrefix) === null) {
      return { problem: recoveryKeyOf(location) === null ? "not the location of a metadata recovery record" : `another tenant's record (this tenant's start with redis:${run.keyPrefix}): run with that tenant's settings` };
    }
    try {
      return { value: await readRecoveryRecord(run.connection!, location) };
    } catch (error) {
      return { problem: `cannot read it (${error instanceof SyntaxError ? "not JSON" : `Redis ${unavailableReason(error)}`})` };
    }
  }
  try {
    return { value: JSON.parse(await readFile(filePath(location), "utf8")) as unknown };
  } catch (error) {
    return { problem: `cannot read it (${(error as { code?: string }).code ?? "not JSON"})` };
  }
}

function filePath(location: string): string {
  return location.startsWith("file:") ? location.slice("file:".length) : location;
}

/** Deletes a finished record; what went wrong, if anything. */
async function deleteRecord(location: string, run: ReapplyRun): Promise<string | null> {
  try {
    if (location.startsWith("redis:")) await deleteRecoveryRecord(run.connection!, location);
    else await rm(filePath(location));
    return null;
  } catch (error) {
    return location.startsWith("redis:") ? `Redis ${unavailableReason(error)}` : ((error as { code?: string }).code ?? "error");
  }
}

async function reapplyRecords(config: AppConfig, locations: readonly string[], run: ReapplyRun): Promise<number> {
  const { output } = run;
  const client = config.auth0.machineClient;
  if (!client) {
    output.err("Set AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET (a machine-to-machine application with read:users update:users).");
    return 2;
  }
  const management = createManagementClient({ baseUrl: config.auth0.managementAudience, logger: run.logger, timeoutMs: config.auth0.httpTimeoutMs });
  const machineToken = createMachineTokenSource({
    tenantOrigin: config.auth0.origin,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    audience: config.auth0.managementAudience,
    logger: run.logger,
    timeoutMs: config.auth0.httpTimeoutMs,
  });

  let failures = 0;
  for (const location of locations) {
    // A plain path is shown as given; `file:` is dropped as before, so lines read the same for files.
    const label = location.startsWith("file:") ? filePath(location) : location;
    const read = await readRecord(location, run);
    if ("problem" in read) {
      output.err(`${label}: ${read.problem}`);
      failures += 1;
      continue;
    }
    if (read.value === null) {
      output.err(`${label}: not in Redis: finished already, or past its retention (LINK_METADATA_RECOVERY_RETENTION_DAYS)`);
      failures += 1;
      continue;
    }
    const record = read.value;
    if (!isRecoveryRecord(record)) {
      output.err(`${label}: not a metadata recovery record (version 1)`);
      failures += 1;
      continue;
    }
    const result = await reapplyMetadataRecord({ management, machineToken }, record);
    const finished = done(result);
    const notDeleted = finished && !run.keep ? await deleteRecord(location, run) : null;
    const deletion = finished && !run.keep ? (notDeleted === null ? "; record deleted" : `; record NOT deleted (${notDeleted}): delete it by hand`) : "";
    output.out(`${label}: ${record.primary_id} ← ${record.secondary_id}: ${describe(result)}${deletion}`);
    if (!finished || notDeleted !== null) failures += 1;
  }
  return failures === 0 ? 0 : 1;
}
