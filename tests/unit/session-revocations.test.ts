/**
 * "Every other session of this app ends": the per-user "sessions valid
 * after" mark, in memory and in Redis, and which sessions it ends.
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { createRedisConnection, createRedisSessionRevocations, type RedisConnection } from "@/lib/shared-state";
import { createMemorySessionRevocations, isRevokedSession } from "@/lib/session/revocations";
import { freePort } from "../support/processes";
import { recordingLogger } from "../support/recording-logger";
import { describeWithRedis, useTestRedis } from "../support/redis";

const SUB = "auth0|65a000000000000000000001";
const MARK = Date.UTC(2026, 11, 3, 10, 0, 0);

function session(createdAtMs: number | undefined, sub = SUB): SessionData {
  return { user: { sub }, tokenSet: { accessToken: "a", expiresAt: 0 }, internal: { sid: "s", ...(createdAtMs === undefined ? {} : { createdAt: Math.floor(createdAtMs / 1000) }) } } as unknown as SessionData;
}

describe("a session after its user's mark", () => {
  it("is ended when it began before the mark or in its second, and kept when it began after", async () => {
    const marks = createMemorySessionRevocations();
    await marks.revokeBefore(SUB, MARK);
    expect(await isRevokedSession(session(MARK - 60_000), marks)).toBe(true);
    expect(await isRevokedSession(session(MARK + 500), marks)).toBe(true);
    expect(await isRevokedSession(session(MARK + 1000), marks)).toBe(false);
  });

  it("ends only that user's sessions, and a session that does not say when it began", async () => {
    const marks = createMemorySessionRevocations();
    await marks.revokeBefore(SUB, MARK);
    expect(await isRevokedSession(session(MARK - 60_000, "github|1000002"), marks)).toBe(false);
    expect(await isRevokedSession(session(undefined), marks)).toBe(true);
    expect(await isRevokedSession(session(undefined, "github|1000002"), marks)).toBe(false);
  });

  it("keeps the later of two marks", async () => {
    const marks = createMemorySessionRevocations();
    await marks.revokeBefore(SUB, MARK);
    await marks.revokeBefore(SUB, MARK - 3_600_000);
    expect(await marks.validAfter(SUB)).toBe(MARK);
  });
});

describeWithRedis()("marks shared through Redis", () => {
  const redis = useTestRedis();
  const opened: RedisConnection[] = [];
  const connect = (url = redis().url): RedisConnection => {
    const connection = createRedisConnection(url === redis().url ? { url, timeoutMs: 5_000 } : { url });
    opened.push(connection);
    return connection;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((connection) => connection.close()));
  });
  const PREFIX = `test-revocations-${Date.now()}:`;

  it("ends on instance B a session that instance A's mark ended, and keeps the later mark", async () => {
    const logger = recordingLogger();
    const a = createRedisSessionRevocations({ connection: connect(), keyPrefix: PREFIX, logger });
    const b = createRedisSessionRevocations({ connection: connect(), keyPrefix: PREFIX, logger });
    await a.revokeBefore(SUB, MARK);
    expect(await isRevokedSession(session(MARK - 60_000), b)).toBe(true);
    await b.revokeBefore(SUB, MARK - 3_600_000);
    expect(await a.validAfter(SUB)).toBe(MARK);
  });

  it("still ends, while Redis is unreachable, the sessions this instance knows are ended, and says so once", async () => {
    const logger = recordingLogger();
    const marks = createRedisSessionRevocations({ connection: connect(`redis://127.0.0.1:${await freePort()}`), keyPrefix: PREFIX, logger });
    await marks.revokeBefore(SUB, MARK);
    expect(await isRevokedSession(session(MARK - 60_000), marks)).toBe(true);
    expect(logger.events("session_revocations.unavailable")).toEqual([{ reason: "not_connected", fallback: "memory" }]);
  });
});
