/**
 * `npm run load:instances` (`npx tsx bench/load-instances.ts [--users=50]
 * [--deadline-seconds=120] [--views=4] [--skip-build] [--no-redis]`): the
 * proof for issue #13 that several app instances behind a load balancer
 * show every person the same, current state when REDIS_URL is shared.
 *
 * What runs: `next build` (unless --skip-build reuses `.next`); a
 * `redis-server` of its own on a free localhost port (no persistence); the
 * local tenant in this process (startLocalTenantServer), seeded with N people
 * (a database primary and a GitHub account each, bench/seed-people.ts); two
 * `next start` instances of the one build, each on its own port with the same
 * AUTH0_SECRET, REDIS_URL and APP_BASE_URL; and in front of them a round-robin
 * proxy (bench/round-robin-proxy.ts) whose origin is APP_BASE_URL and the
 * tenant's callback and logout URLs. The env is what `npm run dev` sets
 * (machine-to-machine client included), on default limits.
 *
 * Each person, all at once, through the proxy and the real pages: signs in,
 * views Settings (warming one instance's cache), links GitHub (start, the
 * tenant's login, callback), views Settings at least --views times and until
 * both instances answered twice, unlinks GitHub (POST /link/unlink, as the
 * confirmation's form does), and views Settings again the same way. What
 * counts as stale, crossed, lost and broken: bench/instance-verdicts.ts.
 *
 * Exit code 1 when anything is stale, crossed, lost or broken, on any answer
 * of 500 or more (app or tenant), any 429 from the tenant, or a missed
 * deadline. `--no-redis` runs the same with no REDIS_URL: every instance keeps
 * its own caches, which is what the stale views then show (it exits 1 too:
 * stale is stale). Until the shared caches of issue #13 are in lib/, the
 * Settings user cache is per process in both modes, so both show stale views.
 *
 * Only localhost is contacted; everything it started is stopped on every exit
 * path (Ctrl-C included). Check with `ss -ltnp` if in doubt.
 */
import { performance } from "node:perf_hooks";
import { LOCAL_APP_CLIENT, LOCAL_M2M_CLIENT, startLocalTenantServer } from "../lib/local-tenant";
import { freePort } from "../tests/support/processes";
import { argument } from "./args";
import { runPerson, type Records } from "./instance-flow";
import { judge, type TenantArrival } from "./instance-verdicts";
import { SetupError, buildApp, hasBuild, logEvents, startInstance, startRedis, type AppInstance, type Stoppable } from "./instances";
import { report } from "./instances-report";
import { startRoundRobinProxy } from "./round-robin-proxy";
import { seedPeople } from "./seed-people";
import { onlyLocalhost } from "./only-localhost";

const USERS = argument("users", 50, 200);
const DEADLINE_SECONDS = argument("deadline-seconds", 120, 600);
const MIN_VIEWS = argument("views", 4, 20);
const SKIP_BUILD = process.argv.includes("--skip-build");
const NO_REDIS = process.argv.includes("--no-redis");
const INSTANCE_NAMES = ["a", "b"] as const;

/** The one AUTH0_SECRET of the fleet: every instance must decrypt the cookies any other wrote. */
const APP_SECRET = "a-load-instances-secret-that-is-at-least-32-characters-long";
/** Generous on purpose: this measures the app's consistency, not the tenant's quota (Auth0's real limits are far lower). */
const TENANT_RATE_LIMIT = { limit: 100_000, perSecond: 100_000 };

const step = (line: string): void => void process.stderr.write(`load:instances: ${line}\n`);

// ---------------------------------------------------------------- only localhost

onlyLocalhost("the load script");

// ---------------------------------------------------------------- stopping everything, on every exit path

const stops: (() => Promise<void>)[] = [];
const kills: (() => void)[] = [];

function track(process_: Stoppable): void {
  stops.push(() => process_.stop());
  kills.push(() => process_.kill());
}

/**
 * All at once, not one by one: `next start` drains open connections before it
 * exits on SIGTERM, so an instance stopped while the proxy (or a person) still
 * held a connection to it waited out its 5 s until SIGKILL.
 */
async function stopAll(): Promise<void> {
  await Promise.all(stops.splice(0).map((stop) => stop().catch(() => undefined)));
}

// The children run in process groups of their own, so a Ctrl-C to this one does not reach them.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    step(`${signal}: stopping what was started …`);
    void stopAll().finally(() => process.exit(130));
  });
}
process.once("exit", () => {
  for (const kill of kills) kill();
});

/** `count` distinct free ports (freePort alone may hand out the same one twice in a row). */
async function distinctPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

// ---------------------------------------------------------------- the run

async function main(): Promise<number> {
  if (!SKIP_BUILD) {
    step("next build …");
    buildApp();
  } else if (!hasBuild()) {
    throw new SetupError("--skip-build, but there is no build in .next: run once without --skip-build (or `npm run build`).");
  }

  const redis = NO_REDIS ? null : await startRedis();
  if (redis) track(redis);

  const ports = await distinctPorts(INSTANCE_NAMES.length);
  const targets = INSTANCE_NAMES.map((name, index) => ({ name, url: `http://localhost:${ports[index]}` }));
  const proxy = await startRoundRobinProxy(targets);
  stops.push(() => proxy.close());

  const arrivals: TenantArrival[] = [];
  const tenantServer = await startLocalTenantServer({
    port: 0,
    // The callback and logout URLs the tenant allows: the public origin, never an instance's own.
    appBaseUrl: proxy.url,
    allowFaultInjection: false,
    rateLimit: TENANT_RATE_LIMIT,
    onRequest: (method, path) => {
      if (path.startsWith("/api/v2/")) arrivals.push({ method, path: decodeURIComponent(path), at: performance.now() });
    },
  });
  stops.push(() => tenantServer.close());
  const { tenant } = tenantServer;
  const people = seedPeople(tenant, USERS, "instances-user");

  step(`${INSTANCE_NAMES.length} × next start behind ${proxy.url}, tenant on ${tenant.baseUrl}, ${redis ? `Redis ${redis.url}` : "no Redis"} …`);
  const instances: AppInstance[] = [];
  await Promise.all(
    targets.map(async (target, index) => {
      const instance = await startInstance(target.name, ports[index] as number, {
        PORT: String(ports[index]),
        AUTH0_DOMAIN: tenant.baseUrl,
        AUTH0_CLIENT_ID: LOCAL_APP_CLIENT.clientId,
        AUTH0_CLIENT_SECRET: LOCAL_APP_CLIENT.clientSecret,
        AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId,
        AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret,
        AUTH0_SECRET: APP_SECRET,
        APP_BASE_URL: proxy.url,
        REDIS_URL: redis?.url ?? "",
      });
      track(instance);
      instances[index] = instance;
    }),
  );

  step(`${USERS} people sign in, link, view, unlink, view …`);
  tenant.requestLog.length = 0;
  arrivals.length = 0;
  const records: Records = { requests: [], views: [], steps: [], errors: [] };
  const options = { app: proxy.url, tenant, records, minViews: MIN_VIEWS, maxViews: MIN_VIEWS * 3, instances: INSTANCE_NAMES };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => resolve("deadline"), DEADLINE_SECONDS * 1000);
  });
  const finished = await Promise.race([Promise.all(people.map((person) => runPerson(person, options))), deadline]);
  clearTimeout(timer);
  const wallMs = performance.now() - started;

  const verdicts = judge(people, records, tenant, arrivals, INSTANCE_NAMES);
  report(
    {
      people: USERS,
      proxy: proxy.url,
      tenant: tenant.baseUrl,
      redis: redis?.url ?? null,
      instances: instances.map((instance) => ({ name: instance.name, url: instance.url, events: logEvents(instance.output()) })),
      wallMs,
      deadlineMissed: finished === "deadline",
    },
    verdicts,
    records,
    tenant,
  );
  return verdicts.failures.length === 0 && finished !== "deadline" ? 0 : 1;
}

const code = await main()
  .catch((error: unknown) => {
    const text = error instanceof SetupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`load:instances could not run: ${text}\n`);
    return 1;
  })
  .finally(stopAll);
process.exit(code);
