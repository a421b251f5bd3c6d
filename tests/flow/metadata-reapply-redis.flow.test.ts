/**
 * An operator finishing a merge whose record waits in Redis, with what
 * `npm run metadata:reapply` runs (scripts/reapply-metadata-command.ts) and
 * the app's own settings plus REDIS_URL: from any machine, the record is
 * listed without its metadata, re-applied from its `redis:` location, and
 * deleted from Redis once finished. The record comes from a real link whose
 * every PATCH failed, kept in Redis as an instance with REDIS_URL keeps it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig } from "@/lib/config/app-config";
import { createFileRecoveryStore, type MetadataRecoveryRecord } from "@/lib/linking/metadata-recovery";
import { createRedisConnection, type RedisConnection } from "@/lib/shared-state/redis-connection";
import { createRedisRecoveryStore } from "@/lib/shared-state/recovery-store";
import { runReapplyMetadata, USAGE } from "@/scripts/reapply-metadata-command";
import { sharedKeyPrefix } from "@/lib/shared-state";
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { GITHUB, MERGED_METADATA, PATCH_CALL, PRIMARY_METADATA, mergeEnv, metadataOn, seedMetadata, useRecoveryDirectory } from "../support/metadata";
import { freePort } from "../support/processes";
import { recordingLogger } from "../support/recording-logger";
import { describeWithRedis, inspectRedis, useTestRedis, type TestRedis } from "../support/redis";

const TENANT = "http://localhost:4010";
const PREFIX = sharedKeyPrefix(TENANT);
const { tenant } = useLocalTenant();
const recovery = useRecoveryDirectory();
const running = useApp(mergeEnv(recovery.path));
captureLogs();

/** Keys and values of the GitHub account's metadata: none may show in `--list`. */
const METADATA_WORDS = ["github_theme", "notifications", "roles", "editor", "light"];

let redis: TestRedis;
const connections: RedisConnection[] = [];

/** Links the owner's GitHub account while every PATCH fails, and keeps the record in Redis as an instance with REDIS_URL does. */
async function recordInRedis(): Promise<{ location: string; record: MetadataRecoveryRecord }> {
  seedMetadata(tenant());
  tenant().faults.inject({ ...PATCH_CALL, kind: "status", status: 503, times: 3 });
  const person = running.person();
  await person.signIn();
  expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked_metadata_pending");
  const [name] = recovery.files();
  if (!name) throw new Error("no record kept");
  const record = JSON.parse(readFileSync(join(recovery.path, name), "utf8")) as MetadataRecoveryRecord;
  await createFileRecoveryStore({ directory: recovery.path }).resolve(`file:${join(recovery.path, name)}`);
  const connection = createRedisConnection({ url: redis.url, timeoutMs: 2000 });
  connections.push(connection);
  const location = await createRedisRecoveryStore({ connection, keyPrefix: PREFIX, fallback: createFileRecoveryStore({ directory: recovery.path }), logger: recordingLogger() }).save(record);
  expect(location).toMatch(/^redis:/);
  return { location, record };
}

/** Runs `npm run metadata:reapply -- …args` with the app's settings and `redisUrl` as REDIS_URL. */
async function reapply(args: string[], redisUrl: string | null = redis.url, redisTimeoutMs?: number) {
  const out: string[] = [];
  const err: string[] = [];
  const config = (): AppConfig => {
    const app = running.services().config;
    return { ...app, throttle: { ...app.throttle, redisUrl } };
  };
  const code = await runReapplyMetadata(args, {
    config,
    output: { out: (line) => out.push(line), err: (line) => err.push(line) },
    logger: recordingLogger(),
    ...(redisTimeoutMs === undefined ? {} : { redisTimeoutMs }),
  });
  return { code, out, err };
}

async function redisKeys(): Promise<string[]> {
  const client = await inspectRedis(redis.url);
  try {
    return await client.keys(`${PREFIX}*`);
  } finally {
    client.destroy();
  }
}

/** How many clients Redis has, not counting the one asking. */
async function clientsOfRedis(): Promise<number> {
  const client = await inspectRedis(redis.url);
  try {
    return String(await client.sendCommand(["CLIENT", "LIST"])).trim().split("\n").length - 1;
  } finally {
    client.destroy();
  }
}

const patches = () => tenant().requestLog.filter((call) => call.method === "PATCH");

describeWithRedis()("re-applying metadata recovery records kept in Redis", () => {
  // Started before the file's tests and emptied of account-linking keys before each.
  const testRedis = useTestRedis();
  beforeAll(() => {
    redis = testRedis();
  });
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
  });

  it("lists the record waiting in Redis with its location, times and both user ids, and none of the metadata", async () => {
    const { location, record } = await recordInRedis();

    const listed = await reapply(["--list"]);

    expect(listed).toEqual({ code: 0, out: [expect.any(String)], err: [] });
    const line = listed.out[0]!;
    expect(line.startsWith(`${location}  created ${record.created_at}  expires `)).toBe(true);
    expect(line.endsWith(`  primary ${OWNER_ID}  secondary ${GITHUB}`)).toBe(true);
    for (const word of METADATA_WORDS) expect(line).not.toContain(word);
  });

  it("gives the owner the GitHub account's settings from the redis: location, deletes the record from Redis, and a second run says it is gone", async () => {
    const { location } = await recordInRedis();

    const first = await reapply([location]);

    expect(first.code).toBe(0);
    expect(first.out).toEqual([expect.stringMatching(new RegExp(`^${location}: ${OWNER_ID.replace("|", "\\|")} ← ${GITHUB.replace("|", "\\|")}: merged: sent .*; record deleted$`))]);
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
    expect(await redisKeys()).toEqual([]);
    expect((await reapply(["--list"])).out).toEqual([`No metadata recovery records are waiting in Redis (${PREFIX}).`]);

    const again = await reapply([location]);
    expect(again).toEqual({ code: 1, out: [], err: [`${location}: not in Redis: finished already, or past its retention (LINK_METADATA_RECOVERY_RETENTION_DAYS)`] });
  });

  it("closes its Redis connection when done, so the command ends", async () => {
    const { location } = await recordInRedis();
    const before = await clientsOfRedis();

    expect((await reapply(["--list"])).code).toBe(0);
    expect((await reapply([location])).code).toBe(0);

    // A socket closed by the command leaves the server's list a moment later.
    const deadline = Date.now() + 2000;
    while ((await clientsOfRedis()) !== before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await clientsOfRedis()).toBe(before);
  });

  it("leaves the record in Redis with --keep", async () => {
    const { location } = await recordInRedis();

    expect((await reapply(["--keep", location])).code).toBe(0);

    expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
    expect((await reapply(["--list"])).out).toEqual([expect.stringMatching(new RegExp(`^${location}  `))]);
  });

  it("says REDIS_URL is not set instead of guessing, and sends nothing", async () => {
    const { location } = await recordInRedis();
    tenant().requestLog.length = 0;

    for (const args of [[location], ["--list"]]) {
      expect(await reapply(args, null)).toEqual({
        code: 2,
        out: [],
        err: ["REDIS_URL is not set: records in Redis (redis:… locations, --list) are read through the app's Redis. Set REDIS_URL as the app has it (environment or .env.local)."],
      });
    }
    expect(patches()).toEqual([]);
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(PRIMARY_METADATA);
  });

  it("refuses another tenant's record and anything that is not a record's location, and touches neither", async () => {
    const { location } = await recordInRedis();
    const elsewhere = location.replace(PREFIX, "account-linking:other.eu.auth0.com:");
    tenant().requestLog.length = 0;

    expect(await reapply([elsewhere, `redis:${PREFIX}metadata-recovery`])).toEqual({
      code: 1,
      out: [],
      err: [
        `${elsewhere}: another tenant's record (this tenant's start with redis:${PREFIX}): run with that tenant's settings`,
        `redis:${PREFIX}metadata-recovery: not the location of a metadata recovery record`,
      ],
    });
    expect(patches()).toEqual([]);
    expect(await redisKeys()).toHaveLength(2);
  });

  it("says it cannot reach Redis, rather than that nothing is waiting", async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;

    expect(await reapply(["--list"], nobody, 300)).toEqual({ code: 1, out: [], err: ["Cannot list the records in Redis (not_connected)."] });
  });

  it("still re-applies a record file given by path or file: location, and deletes it", async () => {
    seedMetadata(tenant());
    tenant().faults.inject({ ...PATCH_CALL, kind: "status", status: 503, times: 3 });
    const person = running.person();
    await person.signIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked_metadata_pending");
    const path = join(recovery.path, recovery.files()[0]!);

    const run = await reapply([`file:${path}`], null);

    expect(run.code).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(new RegExp(`^${path}: .* ← ${GITHUB.replace("|", "\\|")}: merged: sent .*; record deleted$`))]);
    expect(recovery.files()).toEqual([]);
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
  });

  it("prints its usage for no record, an unknown option, or --list with a record", async () => {
    for (const args of [[], ["--force", "x.json"], ["--list", "x.json"]]) expect(await reapply(args)).toEqual({ code: 2, out: [], err: [USAGE] });
  });
});
