/**
 * `npm run metadata:reapply -- [--keep] <record> [<record> …]`: finishes the
 * metadata merges that recovery records kept (LINK_MERGE_METADATA; a record's
 * location is in the `metadata.merge_failed` or `metadata.merge_unconfirmed`
 * log line): `redis:account-linking:…` for a record in Redis (REDIS_URL),
 * `file:/…/x.json` or a plain path for one in an instance's directory.
 * `npm run metadata:reapply -- --list` lists the records waiting in Redis
 * (location, created, expires, the two user ids; never the metadata).
 *
 * Reads the app's settings like `npm run dev` (environment, then .env files),
 * so it runs on any machine that reaches the tenant and the app's Redis, and
 * uses its machine-to-machine client. For each record: PATCHes the primary
 * with the keys it still lacks (see lib/linking/reapply-metadata.ts), then
 * deletes the record, unless `--keep`. Exits 1 if any record could not be
 * finished. The steps: scripts/reapply-metadata-command.ts.
 */
import nextEnv from "@next/env";
import { loadConfig } from "../lib/config/load-config";
import { consoleLogger } from "../lib/util/log";
import { runReapplyMetadata } from "./reapply-metadata-command";

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });
process.exitCode = await runReapplyMetadata(process.argv.slice(2), {
  config: () => loadConfig(process.env),
  output: { out: (line) => console.log(line), err: (line) => console.error(line) },
  logger: consoleLogger,
});
