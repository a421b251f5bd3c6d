/**
 * Metadata recovery records in Redis, as an operator finds them: kept for the
 * retention under keys that name no user, listed, read and removed from any
 * connection; written to the local directory (and said so) when Redis
 * cannot take them; never logged.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFileRecoveryStore, type MetadataRecoveryRecord } from "@/lib/linking/metadata-recovery";
import { createRedisConnection, type RedisConnection } from "@/lib/shared-state";
import { createRedisRecoveryStore, deleteRecoveryRecord, listRecoveryRecords, readRecoveryRecord } from "@/lib/shared-state/recovery-store";
import { freePort } from "../support/processes";
import { recordingLogger } from "../support/recording-logger";
import { describeWithRedis, inspectRedis, useTestRedis } from "../support/redis";

const PREFIX = "account-linking:tenant.test:";
const RECORD: MetadataRecoveryRecord = {
  kind: "account-linking.metadata-recovery",
  version: 1,
  created_at: "2026-12-02T10:00:00.000Z",
  primary_id: "auth0|65a000000000000000000001",
  secondary_id: "github|1000001",
  secondary: { user_metadata: { secret_hobby: "orchids" }, app_metadata: { plan: "pro" } },
  primary: { user_metadata: {}, app_metadata: {} },
  patch: { user_metadata: { secret_hobby: "orchids" }, app_metadata: { plan: "pro" } },
};

const opened: RedisConnection[] = [];
let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "recovery-redis-"));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((connection) => connection.close()));
  rmSync(directory, { recursive: true, force: true });
});

describeWithRedis()("metadata recovery records in Redis", () => {
  const redis = useTestRedis();
  function store(url = redis().url, options: { retentionSeconds?: number; directory?: string; timeoutMs?: number } = {}) {
    const connection = createRedisConnection({ url });
    opened.push(connection);
    const logger = recordingLogger();
    const fallback = createFileRecoveryStore({ directory: options.directory ?? directory });
    // A generous deadline unless a test is about the deadline: the first command on a new connection to a
    // just-started redis-server once took longer than the product's 500 ms under a loaded CI run, and fell back to a file.
    const recovery = createRedisRecoveryStore({ connection, keyPrefix: PREFIX, fallback, logger, ...(options.retentionSeconds ? { retentionSeconds: options.retentionSeconds } : {}), timeoutMs: options.timeoutMs ?? 5000 });
    return { connection, logger, recovery };
  }

  it("keeps a record for the retention (30 days by default) under a key that names no user, readable and listed from another connection", async () => {
    const { recovery } = store();
    const location = await recovery.save(RECORD);
    expect(location).toMatch(/^redis:account-linking:tenant\.test:metadata-recovery:20261202T100000000Z-[0-9a-f-]{36}$/);
    expect(location).not.toContain("65a0");
    expect(location).not.toContain("1000001");

    const other = store().connection;
    expect(await readRecoveryRecord(other, location)).toEqual(RECORD);
    const [listed, ...more] = await listRecoveryRecords(other, PREFIX);
    expect(more).toEqual([]);
    expect(listed).toMatchObject({ location, createdAt: RECORD.created_at });
    const client = await inspectRedis(redis().url);
    try {
      const ttl = await client.ttl(location.slice("redis:".length));
      expect(ttl).toBeGreaterThan(30 * 86_400 - 10);
      expect(ttl).toBeLessThanOrEqual(30 * 86_400);
    } finally {
      client.destroy();
    }
    expect(readdirSync(directory)).toEqual([]);
  });

  it("removes a resolved record and its index entry, and refuses a location that is not one of its records", async () => {
    const { recovery, connection } = store();
    const location = await recovery.save(RECORD);
    await recovery.resolve(location);
    expect(await readRecoveryRecord(connection, location)).toBeNull();
    expect(await listRecoveryRecords(connection, PREFIX)).toEqual([]);
    await expect(recovery.resolve("redis:account-linking:other.tenant:metadata-recovery:20261202T100000000Z-00000000-0000-0000-0000-000000000000")).rejects.toThrow("not a location of this store");
    await expect(recovery.resolve("redis:account-linking:tenant.test:user:auth0|1")).rejects.toThrow("not a location of this store");
    await expect(readRecoveryRecord(connection, "redis:account-linking:tenant.test:throttle:x")).rejects.toThrow();
  });

  it("drops from the list a record past its retention", async () => {
    const { recovery, connection } = store(redis().url, { retentionSeconds: 1 });
    const location = await recovery.save(RECORD);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await listRecoveryRecords(connection, PREFIX)).toEqual([]);
    expect(await readRecoveryRecord(connection, location)).toBeNull();
    await deleteRecoveryRecord(connection, location);
  });

  it("writes the record to the directory when Redis is unreachable, and says where without saying what", async () => {
    const { recovery, logger } = store(`redis://127.0.0.1:${await freePort()}`);
    const location = await recovery.save(RECORD);
    expect(location).toMatch(/^file:/);
    expect(readdirSync(directory)).toHaveLength(1);
    expect(logger.events("metadata.recovery_fallback")).toEqual([{ reason: "not_connected", location }]);
    expect(JSON.stringify(logger.lines)).not.toContain("orchids");
    await recovery.resolve(location);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("fails the save when neither Redis nor the directory can take the record (the merge then links nothing)", async () => {
    const file = join(directory, "not-a-directory");
    writeFileSync(file, "");
    const { recovery } = store(`redis://127.0.0.1:${await freePort()}`, { directory: join(file, "records") });
    await expect(recovery.save(RECORD)).rejects.toThrow();
  });

  it("removes from Redis a write that landed after its deadline, so the file it fell back to is the only copy", async () => {
    const { recovery, connection } = store(redis().url, { timeoutMs: 100 });
    await listRecoveryRecords(connection, PREFIX); // connected
    const client = await inspectRedis(redis().url);
    try {
      await client.sendCommand(["CLIENT", "PAUSE", "400", "WRITE"]);
    } finally {
      client.destroy();
    }
    const location = await recovery.save(RECORD);
    expect(location).toMatch(/^file:/);
    const recordsInRedis = async (): Promise<number> => {
      const inspector = await inspectRedis(redis().url);
      try {
        return (await inspector.keys(`${PREFIX}metadata-recovery:*`)).length;
      } finally {
        inspector.destroy();
      }
    };
    const until = async (condition: (count: number) => boolean): Promise<number> => {
      const deadline = Date.now() + 6000;
      let count = await recordsInRedis();
      while (!condition(count) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        count = await recordsInRedis();
      }
      return count;
    };
    // The paused write lands once the pause ends…
    expect(await until((count) => count === 1)).toBe(1);
    // …and is removed again.
    const left = await until((count) => count === 0);
    expect(left).toBe(0);
    expect(readdirSync(directory)).toHaveLength(1);
  }, 10_000);
});
