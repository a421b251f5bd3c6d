/**
 * A real Redis for the throttle tests: a `redis-server` of the test's own on a
 * free localhost port (no persistence), or the one REDIS_URL names.
 *
 * When neither is available the Redis tests must not pass silently: under
 * CI=true they fail with a message saying how to fix it; elsewhere they are
 * skipped with a note on the console.
 */
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { createClient } from "redis";
import { freePort, start, type Started } from "./processes";

/** Where `redis-server` is on PATH, if it is. */
export function redisServerPath(): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "redis-server");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const MISSING =
  "The Redis throttle tests need a real Redis: install redis-server (apt-get install -y redis-server; the tests start and stop their own) or set REDIS_URL=redis://127.0.0.1:6379.";

/**
 * `describe` when a Redis can be had; otherwise `describe.skip` with a note,
 * except under CI=true, where the tests run and fail with {@link MISSING}.
 */
export function describeWithRedis(options: { needsServer?: boolean } = {}): jest.Describe {
  const available = redisServerPath() !== undefined || (!options.needsServer && Boolean(process.env["REDIS_URL"]));
  if (available || process.env["CI"] === "true") return describe;
  console.warn(`Skipping the Redis throttle tests (not in CI). ${MISSING}`);
  return describe.skip;
}

/** A Redis the tests may use, and stop if it is their own. */
export interface TestRedis {
  /** e.g. `redis://127.0.0.1:6390` */
  readonly url: string;
  /** Whether this is a server the test started (and may stop and restart). */
  readonly own: boolean;
  /** Stops an own server (the URL then refuses connections); a no-op for REDIS_URL. */
  stop(): Promise<void>;
  /** Starts an own server again on the same port, empty. */
  restart(): Promise<void>;
  /** Deletes the throttle's keys (`account-linking:throttle:*`) only, so tests start from zero. */
  clearThrottleKeys(): Promise<void>;
  /** Deletes every key of account linking (`account-linking:*`): the throttle's and the shared state's. */
  clearAccountLinkingKeys(): Promise<void>;
}

/**
 * Starts `redis-server --port <free> --bind 127.0.0.1 --save "" --appendonly no`
 * (or, with `needsServer` false and no redis-server, uses REDIS_URL).
 * @throws with {@link MISSING} when neither is available.
 */
export async function startTestRedis(options: { needsServer?: boolean } = {}): Promise<TestRedis> {
  const binary = redisServerPath();
  const external = process.env["REDIS_URL"];
  if (!binary) {
    if (external && !options.needsServer) return externalRedis(external);
    throw new Error(process.env["CI"] === "true" ? `${MISSING} (CI=true: these tests fail instead of being skipped.)` : MISSING);
  }
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: Started | undefined;
  const launch = async (): Promise<void> => {
    server = start(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", "/tmp"], process.env);
    await server.waitFor(/Ready to accept connections/, 10_000);
  };
  await launch();
  return {
    url,
    own: true,
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    restart: async () => {
      await server?.stop();
      await launch();
    },
    clearThrottleKeys: () => clearKeys(url),
    clearAccountLinkingKeys: () => clearKeys(url, "account-linking:*"),
  };
}

function externalRedis(url: string): TestRedis {
  return {
    url,
    own: false,
    stop: () => Promise.resolve(),
    restart: () => Promise.resolve(),
    clearThrottleKeys: () => clearKeys(url),
    clearAccountLinkingKeys: () => clearKeys(url, "account-linking:*"),
  };
}

/** A client that fails at once, instead of retrying, when Redis is not there. */
function directClient(url: string) {
  return createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
}

async function clearKeys(url: string, pattern = "account-linking:throttle:*"): Promise<void> {
  const client = directClient(url);
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 100 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    client.destroy();
  }
}

/** A raw client for looking at what the throttle stored. Destroy it when done. */
export async function inspectRedis(url: string) {
  const client = directClient(url);
  await client.connect();
  return client;
}

/**
 * A {@link TestRedis} for a `describe` block: started before its tests,
 * emptied of account linking's keys before each, stopped after them.
 * Call it inside the block `describeWithRedis` returns.
 */
export function useTestRedis(options: { needsServer?: boolean } = {}): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startTestRedis(options);
  }, 20_000);
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    await redis?.clearAccountLinkingKeys();
  });
  return () => {
    if (!redis) throw new Error("the test Redis is started in beforeAll");
    return redis;
  };
}
