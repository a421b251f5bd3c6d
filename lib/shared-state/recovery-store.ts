/**
 * Metadata recovery records in Redis (REDIS_URL): the only copy of the
 * metadata Auth0 discarded must not live on one instance's disk, which an
 * autoscaled or serverless instance loses (or never has: a read-only file
 * system). Any machine that reaches the Redis can re-apply a record
 * (`npm run metadata:reapply -- redis:…`, `--list`).
 *
 * Keys (`{prefix}` names the tenant):
 * - `{prefix}metadata-recovery:{created}-{uuid}`: the record (JSON), expiring
 *   after the retention (default 30 days: records are personal data);
 * - `{prefix}metadata-recovery`: an index of the records (a sorted set by
 *   creation time), so an operator can list them; members whose record
 *   expired are dropped when listed.
 *
 * A record Redis cannot take is written by the fallback store (the file
 * store) and the log says so (`metadata.recovery_fallback`): nothing is lost
 * silently, and if neither can take it the merge links nothing.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../util/log";
import type { MetadataRecoveryRecord, MetadataRecoveryStore } from "../linking/metadata-recovery";
import { unavailableReason } from "./fallback";
import type { RedisConnection } from "./redis-connection";

/** Default retention of a record in Redis: 30 days. */
export const DEFAULT_RECOVERY_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** Options for {@link createRedisRecoveryStore}. */
export interface RedisRecoveryStoreOptions {
  readonly connection: RedisConnection;
  /** Prepended to every key, e.g. `account-linking:example.eu.auth0.com:`. */
  readonly keyPrefix: string;
  /** Where a record goes when Redis cannot take it, e.g. `createFileRecoveryStore`. */
  readonly fallback: MetadataRecoveryStore;
  /** Receives `metadata.recovery_fallback` (never a record's contents). */
  readonly logger: Logger;
  /** How long a record is kept, in seconds; default {@link DEFAULT_RECOVERY_RETENTION_SECONDS}. */
  readonly retentionSeconds?: number;
  /** Deadline of a write, in ms; default 2000 (a record is worth a longer wait than a cache entry). */
  readonly timeoutMs?: number;
}

/** A record waiting in Redis, as an operator lists it (no contents). */
export interface ListedRecoveryRecord {
  /** `redis:{key}`: what the log line named and what `metadata:reapply` takes. */
  readonly location: string;
  readonly createdAt: string;
  /** When Redis drops it (ISO), or `null` when it has no expiry. */
  readonly expiresAt: string | null;
  /** The record's `primary_id` and `secondary_id` (user ids an operator needs; never the metadata), or `null` when unreadable. */
  readonly primaryId: string | null;
  readonly secondaryId: string | null;
}

const LOCATION = "redis:";

/** The index key and record key prefix of a tenant's records. */
function keysOf(keyPrefix: string): { index: string; record: string } {
  return { index: `${keyPrefix}metadata-recovery`, record: `${keyPrefix}metadata-recovery:` };
}

/**
 * The Redis key a `redis:` location names, or `null` when it is not one of
 * this prefix's records (a location is input to the operator script).
 */
export function recoveryKeyOf(location: string, keyPrefix?: string): string | null {
  if (!location.startsWith(LOCATION)) return null;
  const key = location.slice(LOCATION.length);
  const match = /^(account-linking:[^\s]+:)metadata-recovery:[0-9A-Za-z]+-[0-9a-f-]{36}$/.exec(key);
  if (!match || (keyPrefix !== undefined && match[1] !== keyPrefix)) return null;
  return key;
}

/** Deletes a record's key and its index entry in one step; whether the record was still there. */
async function deleteKey(connection: RedisConnection, key: string, timeoutMs: number): Promise<boolean> {
  const index = key.slice(0, key.lastIndexOf(":"));
  const replies = await connection.run((client) => client.multi().del(key).zRem(index, key).exec(), { timeoutMs });
  return Number(replies[0]) > 0;
}

/** A {@link MetadataRecoveryStore} in Redis, with a durable local fallback. */
export function createRedisRecoveryStore(options: RedisRecoveryStoreOptions): MetadataRecoveryStore {
  const { connection, keyPrefix, fallback, logger } = options;
  const retention = options.retentionSeconds ?? DEFAULT_RECOVERY_RETENTION_SECONDS;
  const timeoutMs = options.timeoutMs ?? 2000;
  const keys = keysOf(keyPrefix);

  /** Deletes `key` once Redis answers again (tried after 1, 2, 4, 8 and 16 s), so only the fallback's copy stays. */
  function removeLateCopy(key: string, attempt = 0): void {
    setTimeout(() => {
      deleteKey(connection, key, timeoutMs).catch(() => {
        if (attempt < 4) removeLateCopy(key, attempt + 1);
      });
    }, 1000 * 2 ** attempt).unref();
  }

  return {
    async save(record) {
      // The key carries the time and a random part, never a user id (keys are listed and logged).
      const key = `${keys.record}${record.created_at.replace(/[^0-9A-Za-z]/g, "")}-${randomUUID()}`;
      try {
        await connection.run(
          async (client) => {
            const replies = await client
              .multi()
              .set(key, JSON.stringify(record), { condition: "NX", expiration: { type: "EX", value: retention } })
              .zAdd(keys.index, { score: Date.parse(record.created_at) || Date.now(), value: key })
              .exec();
            if (String(replies[0]) !== "OK") throw new Error("the record's key already existed");
          },
          { timeoutMs },
        );
        return `${LOCATION}${key}`;
      } catch (error) {
        // Durable elsewhere, and said: the operator must know where the only copy is.
        const location = await fallback.save(record);
        const reason = unavailableReason(error);
        logger.warn("metadata.recovery_fallback", { reason, location });
        // A write that missed its deadline may still land: that copy would outlive the file's resolve.
        if (reason === "timeout") removeLateCopy(key);
        return location;
      }
    },
    async resolve(location) {
      if (!location.startsWith(LOCATION)) return fallback.resolve(location);
      const key = recoveryKeyOf(location, keyPrefix);
      if (key === null) throw new Error("not a location of this store");
      await deleteKey(connection, key, timeoutMs);
    },
  };
}

/** The record at a `redis:` location, or `null` when it is gone (resolved or expired). */
export async function readRecoveryRecord(connection: RedisConnection, location: string): Promise<unknown> {
  const key = recoveryKeyOf(location);
  if (key === null) throw new Error("not a redis: location of a metadata recovery record");
  const raw = await connection.run((client) => client.get(key), { timeoutMs: 5000 });
  return raw === null ? null : (JSON.parse(raw) as unknown);
}

/**
 * Deletes the record at a `redis:` location (and its index entry).
 * @returns whether it was still there.
 */
export async function deleteRecoveryRecord(connection: RedisConnection, location: string): Promise<boolean> {
  const key = recoveryKeyOf(location);
  if (key === null) throw new Error("not a redis: location of a metadata recovery record");
  return deleteKey(connection, key, 5000);
}

/** The records waiting in Redis for `keyPrefix`'s tenant, oldest first; index entries of expired records are dropped. */
export async function listRecoveryRecords(connection: RedisConnection, keyPrefix: string): Promise<ListedRecoveryRecord[]> {
  const { index } = keysOf(keyPrefix);
  return connection.run(
    async (client) => {
      const listed: ListedRecoveryRecord[] = [];
      for (const { value: key, score } of await client.zRangeWithScores(index, 0, -1)) {
        const ttl = await client.pTTL(key);
        const raw = ttl === -2 ? null : await client.get(key);
        if (raw === null) {
          await client.zRem(index, key);
          continue;
        }
        listed.push({ location: `${LOCATION}${key}`, createdAt: new Date(score).toISOString(), expiresAt: ttl < 0 ? null : new Date(Date.now() + ttl).toISOString(), ...idsOf(raw) });
      }
      return listed;
    },
    { timeoutMs: 10_000 },
  );
}

/** The two user ids of a stored record, never its metadata. */
function idsOf(raw: string): Pick<ListedRecoveryRecord, "primaryId" | "secondaryId"> {
  try {
    const value = JSON.parse(raw) as { primary_id?: unknown; secondary_id?: unknown } | null;
    return {
      primaryId: typeof value?.primary_id === "string" ? value.primary_id : null,
      secondaryId: typeof value?.secondary_id === "string" ? value.secondary_id : null,
    };
  } catch {
    return { primaryId: null, secondaryId: null };
  }
}

export type { MetadataRecoveryRecord };
