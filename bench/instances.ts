/**
 * The processes `npm run load:instances` runs besides itself: `next build`,
 * a `redis-server` of its own, and several `next start` instances of the one
 * build. Each runs in a process group of its own (tests/support/processes.ts),
 * so stopping it also stops what `next start` spawns beneath it.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { redisServerPath } from "../tests/support/redis";
import { freePort, start, type Started } from "../tests/support/processes";

const ROOT = new URL("..", import.meta.url).pathname;
const NEXT_BIN = `${ROOT}node_modules/next/dist/bin/next`;

/** Something the machine lacks for the run (not a bug): printed as its message alone, without a stack. */
export class SetupError extends Error {
  override readonly name = "SetupError";
}

/** `next build` in the repository; its own output is dropped, its errors shown. */
export function buildApp(): void {
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`next build failed (${build.status})`);
}

/** Whether a build is there for `--skip-build` to reuse. */
export function hasBuild(): boolean {
  return existsSync(`${ROOT}.next/BUILD_ID`);
}

/** A running process that can be stopped (and is stopped on every exit path). */
export interface Stoppable {
  stop(): Promise<void>;
  /** Last resort on `process.exit`: SIGKILL to the process group, synchronously. */
  kill(): void;
}

function stoppable(started: Started): Stoppable {
  return {
    stop: () => started.stop(),
    kill: () => {
      if (started.child.exitCode !== null || started.child.signalCode !== null) return;
      try {
        process.kill(-(started.child.pid ?? 0), "SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}

/** A `redis-server` with no persistence on a free localhost port. */
export interface RunningRedis extends Stoppable {
  /** e.g. `redis://127.0.0.1:6390` */
  readonly url: string;
}

/**
 * Starts `redis-server --port <free> --bind 127.0.0.1 --save "" --appendonly no`.
 * @throws {SetupError} naming `apt-get install -y redis-server` when it is not on PATH.
 */
export async function startRedis(): Promise<RunningRedis> {
  const binary = redisServerPath();
  if (!binary) {
    throw new SetupError("redis-server is not on PATH: install it (apt-get install -y redis-server; this script starts and stops its own), or run with --no-redis to see per-instance state.");
  }
  const port = await freePort();
  const server = start(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", "/tmp"], process.env);
  const handle = stoppable(server);
  try {
    await server.waitFor(/Ready to accept connections/, 10_000);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, ...handle };
}

/** One `next start` of the build. */
export interface AppInstance extends Stoppable {
  /** e.g. `a`, as the proxy names it in `x-instance`. */
  readonly name: string;
  /** e.g. `http://localhost:41235`: reached by the proxy only. */
  readonly url: string;
  /** What it printed so far (JSON log lines, mostly). */
  output(): string;
}

/**
 * Starts `next start` on `port` with `env` on top of this process's
 * environment (NODE_ENV=production, telemetry off), and waits until it
 * answers `/` with less than 500.
 * @throws if it exits or does not answer within `deadlineMs`.
 */
export async function startInstance(name: string, port: number, env: Record<string, string>, deadlineMs = 60_000): Promise<AppInstance> {
  const url = `http://localhost:${port}`;
  const started = start(process.execPath, [NEXT_BIN, "start", "--port", String(port), "--hostname", "localhost"], {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  });
  const instance: AppInstance = { name, url, output: () => started.output(), ...stoppable(started) };
  try {
    await waitForApp(url, started, deadlineMs);
  } catch (error) {
    await instance.stop();
    throw error;
  }
  return instance;
}

async function waitForApp(url: string, started: Started, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (started.child.exitCode !== null) throw new Error(`next start (${url}) exited with ${started.child.exitCode}:\n${started.output().slice(-2000)}`);
    try {
      const response = await fetch(`${url}/`, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer at ${url} within ${deadlineMs / 1000} s:\n${started.output().slice(-2000)}`);
}

/**
 * How often each `event` (with its `outcome`, if any) appears among the JSON
 * log lines of `output`, e.g. `link.finished linked` → 25.
 */
export function logEvents(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const parsed = JSON.parse(line) as { event?: unknown; outcome?: unknown; level?: unknown };
      if (typeof parsed.event !== "string") continue;
      const event = parsed.outcome === undefined ? parsed.event : `${parsed.event} ${String(parsed.outcome)}`;
      counts.set(event, (counts.get(event) ?? 0) + 1);
    } catch {
      // not a log line of ours
    }
  }
  return counts;
}
