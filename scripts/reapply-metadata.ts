/**
 * `npm run metadata:reapply -- [--keep] <record> [<record> …]`: finishes the
 * metadata merges that recovery records kept (LINK_MERGE_METADATA; a record's
 * location is in the `metadata.merge_failed` or `metadata.merge_unconfirmed`
 * log line): `redis:account-linking:…` for a record in Redis (REDIS_URL, from
 * any machine that reaches it), `file:/…/x.json` or a plain path for a file.
 * `npm run metadata:reapply -- --list` lists the records waiting in Redis
 * (locations and times, never their contents).
 * Reads the app's settings like `npm run dev` (environment, then .env files)
 * and uses its machine-to-machine client. For each record: PATCHes the
 * primary with the keys it still lacks (see lib/linking/reapply-metadata.ts),
 * then deletes the record, unless `--keep`. Exits 1 if any record could not
 * be finished.
 */
import nextEnv from "@next/env";
import { readFile, rm } from "node:fs/promises";
import { ConfigError, loadConfig } from "../lib/config/load-config";
import { isRecoveryRecord, reapplyMetadataRecord, type ReapplyResult } from "../lib/linking/reapply-metadata";
import { consoleLogger } from "../lib/util/log";
import { createManagementClient } from "../lib/management/client";
import { createMachineTokenSource } from "../lib/management/machine-token";
import { createRedisConnection, sharedKeyPrefix, type RedisConnection } from "../lib/shared-state";
import { deleteRecoveryRecord, listRecoveryRecords, readRecoveryRecord } from "../lib/shared-state/recovery-store";

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

/** A record's contents, from Redis or from a file; `null` when a Redis record is gone. */
async function readRecord(location: string, redis: () => RedisConnection): Promise<unknown> {
  if (location.startsWith("redis:")) return readRecoveryRecord(redis(), location);
  return JSON.parse(await readFile(location.startsWith("file:") ? location.slice("file:".length) : location, "utf8")) as unknown;
}

async function deleteRecord(location: string, redis: () => RedisConnection): Promise<void> {
  if (location.startsWith("redis:")) await deleteRecoveryRecord(redis(), location);
  else await rm(location.startsWith("file:") ? location.slice("file:".length) : location);
}

async function main(): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });
  const args = process.argv.slice(2);
  const keep = args.includes("--keep");
  const list = args.includes("--list");
  const locations = args.filter((arg) => !arg.startsWith("--"));
  if (locations.length === 0 && !list) {
    console.error("usage: npm run metadata:reapply -- [--keep] <redis:account-linking:… | record.json | file:/…/record.json> …\n       npm run metadata:reapply -- --list");
    return 2;
  }
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else throw error;
    return 2;
  }
  const redisUrl = config.throttle.redisUrl;
  let connection: RedisConnection | undefined;
  const redis = (): RedisConnection => {
    if (redisUrl === null) throw new Error("this record is in Redis: set REDIS_URL to the app's Redis (as in its own settings)");
    connection ??= createRedisConnection({ url: redisUrl, timeoutMs: 5000, logger: consoleLogger });
    return connection;
  };
  try {
    if (list) return await listRecords(redis, config.auth0.origin);
    return await reapply(config, locations, keep, redis);
  } finally {
    await connection?.close();
  }
}

async function listRecords(redis: () => RedisConnection, tenantOrigin: string): Promise<number> {
  let records;
  try {
    records = await listRecoveryRecords(redis(), sharedKeyPrefix(tenantOrigin));
  } catch (error) {
    console.error(`cannot list the records in Redis: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (records.length === 0) console.log("No metadata recovery records are waiting in Redis.");
  for (const record of records) console.log(`${record.location}  created ${record.createdAt}  expires ${record.expiresAt ?? "never"}`);
  return 0;
}

async function reapply(config: ReturnType<typeof loadConfig>, locations: readonly string[], keep: boolean, redis: () => RedisConnection): Promise<number> {
  const client = config.auth0.machineClient;
  if (!client) {
    console.error("Set AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET (a machine-to-machine application with read:users update:users).");
    return 2;
  }
  const management = createManagementClient({ baseUrl: config.auth0.managementAudience, logger: consoleLogger, timeoutMs: config.auth0.httpTimeoutMs });
  const machineToken = createMachineTokenSource({
    tenantOrigin: config.auth0.origin,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    audience: config.auth0.managementAudience,
    logger: consoleLogger,
    timeoutMs: config.auth0.httpTimeoutMs,
  });

  let failures = 0;
  for (const path of locations) {
    let record: unknown;
    try {
      record = await readRecord(path, redis);
    } catch (error) {
      console.error(`${path}: cannot read it (${(error as { code?: string }).code ?? (error instanceof Error ? error.message : "not JSON")})`);
      failures += 1;
      continue;
    }
    if (record === null) {
      console.error(`${path}: not in Redis (finished already, or past its retention)`);
      failures += 1;
      continue;
    }
    if (!isRecoveryRecord(record)) {
      console.error(`${path}: not a metadata recovery record (version 1)`);
      failures += 1;
      continue;
    }
    const result = await reapplyMetadataRecord({ management, machineToken }, record);
    const finished = done(result);
    if (finished && !keep) await deleteRecord(path, redis);
    console.log(`${path}: ${record.primary_id} ← ${record.secondary_id}: ${describe(result)}${finished && !keep ? "; record deleted" : ""}`);
    if (!finished) failures += 1;
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
