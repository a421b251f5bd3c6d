/**
 * `npm run metadata:reapply -- <record> [<record> …]`: finishes the metadata
 * merges that recovery records kept (LINK_MERGE_METADATA; a record's location
 * is in the `metadata.merge_failed` or `metadata.merge_unconfirmed` log line,
 * as `file:/…/x.json` or a plain path). Reads the app's settings like
 * `npm run dev` (environment, then .env files) and uses its
 * machine-to-machine client. For each record: PATCHes the primary with the
 * keys it still lacks (see lib/linking/reapply-metadata.ts), then deletes the
 * record, unless `--keep`. Exits 1 if any record could not be finished.
 */
import nextEnv from "@next/env";
import { readFile, rm } from "node:fs/promises";
import { ConfigError, loadConfig } from "../lib/config/load-config";
import { isRecoveryRecord, reapplyMetadataRecord, type ReapplyResult } from "../lib/linking/reapply-metadata";
import { consoleLogger } from "../lib/util/log";
import { createManagementClient } from "../lib/management/client";
import { createMachineTokenSource } from "../lib/management/machine-token";

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

async function main(): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });
  const args = process.argv.slice(2);
  const keep = args.includes("--keep");
  const paths = args.filter((arg) => arg !== "--keep").map((arg) => (arg.startsWith("file:") ? arg.slice("file:".length) : arg));
  if (paths.length === 0) {
    console.error("usage: npm run metadata:reapply -- [--keep] <record.json | file:/…/record.json> …");
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
  for (const path of paths) {
    let record: unknown;
    try {
      record = JSON.parse(await readFile(path, "utf8"));
    } catch (error) {
      console.error(`${path}: cannot read it (${(error as { code?: string }).code ?? "not JSON"})`);
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
    if (finished && !keep) await rm(path);
    console.log(`${path}: ${record.primary_id} ← ${record.secondary_id}: ${describe(result)}${finished && !keep ? "; record deleted" : ""}`);
    if (!finished) failures += 1;
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
