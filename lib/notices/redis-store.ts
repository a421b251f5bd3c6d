/**
 * Pending notices in Redis (REDIS_URL), so that a notice queued by an
 * instance that stops, restarts or is scaled away is still sent, by whichever
 * instance looks first; and never by two at once.
 *
 * Keys (`{prefix}` names the tenant, e.g. `account-linking:example.eu.auth0.com:`):
 * - `{prefix}notices:due`: a sorted set of notice ids scored by when each is
 *   next due (epoch ms);
 * - `{prefix}notices:items`: a hash of notice id → the notice (JSON: the
 *   event, with the recipient's address and the report URL, and the attempts
 *   so far). Personal data: both keys expire a week after the last notice was
 *   queued, so an abandoned queue does not keep it.
 *
 * A claim is one Lua script: it reads the due ids and pushes each one's score
 * past the lease, so a second instance claiming at the same moment finds
 * them not due (see ./store for the lease).
 */
import { checkNoticeEvent } from "./event";
import type { NoticeStore, PendingNotice } from "./store";
import type { RedisConnection } from "../shared-state/redis-connection";
import type { Logger } from "../util/log";

/** How long both keys live after the last notice was queued, in ms: a week, as long as a report link may be used. */
export const NOTICE_KEYS_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Options for {@link createRedisNoticeStore}. */
export interface RedisNoticeStoreOptions {
  readonly connection: RedisConnection;
  /** Prepended to both keys, e.g. `account-linking:example.eu.auth0.com:`. */
  readonly keyPrefix: string;
  /** Deadline of one command, in ms; default the connection's. */
  readonly timeoutMs?: number;
  /** Receives `notice.unreadable` (how many stored notices could not be read and were dropped). */
  readonly logger?: Logger;
}

/**
 * KEYS[1] due set, KEYS[2] items hash; ARGV: now (ms), lease (ms), limit.
 * Returns id, notice, id, notice, … for the notices claimed. An id whose
 * notice is gone (expired hash) is dropped.
 */
const CLAIM_DUE = `local now = tonumber(ARGV[1])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for _, id in ipairs(ids) do
  local body = redis.call('HGET', KEYS[2], id)
  if body then
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), id)
    table.insert(claimed, id)
    table.insert(claimed, body)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return claimed
`;

/**
 * KEYS[1] due set, KEYS[2] items hash; ARGV: id, notice, due time (ms).
 * Only a notice still there: one another instance sent (its claim by this one
 * having run out) stays sent.
 */
const RETRY_LATER = `if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[1], tonumber(ARGV[3]), ARGV[1])
end
return 1
`;

/** What the hash holds for one notice. */
interface StoredNotice {
  readonly v: 1;
  readonly event: unknown;
  readonly attempts: number;
}

/** A notice read back from Redis, or `null` when it is not one (it is then dropped, not sent). */
function parseStored(id: string, body: string, dueAt: number): PendingNotice | null {
  try {
    const stored = JSON.parse(body) as Partial<StoredNotice> | null;
    const checked = checkNoticeEvent(stored?.event);
    if (stored?.v !== 1 || !checked.ok || typeof stored.attempts !== "number" || !Number.isInteger(stored.attempts) || stored.attempts < 0) return null;
    return { id, event: checked.event, attempts: stored.attempts, dueAt };
  } catch {
    return null;
  }
}

function serialise(notice: PendingNotice): string {
  const stored: StoredNotice = { v: 1, event: notice.event, attempts: notice.attempts };
  return JSON.stringify(stored);
}

/**
 * A {@link NoticeStore} in Redis. Every call throws `RedisUnavailableError`
 * when Redis cannot answer in time; wrap it with
 * {@link ./fallback-store!withLocalNoticeStore} to keep notices in memory
 * meanwhile.
 */
export function createRedisNoticeStore(options: RedisNoticeStoreOptions): NoticeStore {
  const { connection } = options;
  const due = `${options.keyPrefix}notices:due`;
  const items = `${options.keyPrefix}notices:items`;
  const runOptions = options.timeoutMs === undefined ? undefined : { timeoutMs: options.timeoutMs };

  return {
    async add(notice) {
      await connection.run(
        (client) =>
          client
            .multi()
            .hSet(items, notice.id, serialise(notice))
            .zAdd(due, { score: notice.dueAt, value: notice.id })
            .pExpire(items, NOTICE_KEYS_TTL_MS)
            .pExpire(due, NOTICE_KEYS_TTL_MS)
            .exec(),
        runOptions,
      );
    },
    async claimDue(now, limit, leaseMs) {
      const reply = await connection.run((client) => client.eval(CLAIM_DUE, { keys: [due, items], arguments: [String(now), String(leaseMs), String(limit)] }), runOptions);
      const values = Array.isArray(reply) ? reply.map(String) : [];
      const claimed: PendingNotice[] = [];
      const unreadable: string[] = [];
      for (let index = 0; index + 1 < values.length; index += 2) {
        const id = values[index] as string;
        const notice = parseStored(id, values[index + 1] as string, now + leaseMs);
        if (notice) claimed.push(notice);
        else unreadable.push(id);
      }
      if (unreadable.length > 0) {
        // Written by another version, or edited by hand: never sent half-read, and said.
        options.logger?.error("notice.unreadable", { count: unreadable.length });
        await connection.run((client) => client.multi().zRem(due, unreadable).hDel(items, unreadable).exec(), runOptions);
      }
      return claimed;
    },
    async retryLater(notice) {
      await connection.run((client) => client.eval(RETRY_LATER, { keys: [due, items], arguments: [notice.id, serialise(notice), String(notice.dueAt)] }), runOptions);
    },
    async remove(id) {
      await connection.run((client) => client.multi().zRem(due, id).hDel(items, id).exec(), runOptions);
    },
    count: () => connection.run((client) => client.zCard(due), runOptions),
    // The notices stay in Redis for the next instance; the connection is the app's to close.
    close: () => Promise.resolve(0),
  };
}
