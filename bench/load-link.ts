/**
 * `npm run load` (`npx tsx bench/load-link.ts [--users=50] [--deadline-seconds=60]`):
 * N people link their GitHub account at the same time, and every link must
 * land on its own primary user.
 *
 * What runs: the local tenant over real HTTP on a free localhost port
 * (startLocalTenantServer), and the app's real proxy and route handlers
 * in-process, configured as `npm run dev` configures them (the flow tests'
 * loader, tests/support/app.ts). Each person: signs in as their own primary
 * user, presses "Link GitHub", signs in at the tenant as their own GitHub
 * account, and comes back through the callback.
 *
 * Checks (exit code 1 if any fails): every link ends `linked` naming the
 * person's own GitHub identity; each primary then holds exactly its own GitHub
 * identity (none lost, none crossed); no answer of 500 or more from the app or
 * the tenant; no 429 from the tenant; all within the deadline. Only localhost
 * is contacted: any other request is refused.
 */
import { performance } from "node:perf_hooks";
import { inspect } from "node:util";
import type { NextRequest, NextResponse } from "next/server";
import { startLocalTenantServer, type LocalTenant } from "../lib/local-tenant";
import { APP, Person, loadApp, loadedAppServices, type App } from "../tests/support/app";
import { appRequest, signInAtTenant } from "../tests/support/browser";
import { argument } from "./args";
import { seedPeople, type SeededPerson } from "./seed-people";
import { onlyLocalhost } from "./only-localhost";

const MAX_USERS = 200;
const MAX_DEADLINE_SECONDS = 300;
/** Generous on purpose: this measures the app, not the tenant's quota (Auth0's real limits are far lower). */
const TENANT_RATE_LIMIT = { limit: 100_000, perSecond: 100_000 };

const USERS = argument("users", 50, MAX_USERS);
const DEADLINE_SECONDS = argument("deadline-seconds", 60, MAX_DEADLINE_SECONDS);

// ---------------------------------------------------------------- only localhost

onlyLocalhost("the load test");

// ---------------------------------------------------------------- the app's log lines, counted rather than printed

const logEvents = new Map<string, number>();
for (const level of ["info", "warn", "error"] as const) {
  console[level] = (...args: unknown[]) => {
    const text = args.map((arg) => (typeof arg === "string" ? arg : inspect(arg))).join(" ");
    let event = `(${level}, not JSON)`;
    try {
      const parsed = JSON.parse(text) as { event?: unknown; outcome?: unknown };
      if (typeof parsed.event === "string") event = parsed.outcome === undefined ? parsed.event : `${parsed.event} ${String(parsed.outcome)}`;
    } catch {
      // keep the fallback name
    }
    logEvents.set(event, (logEvents.get(event) ?? 0) + 1);
  };
}
const print = (line = ""): void => void process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------- the run

interface Result {
  readonly outcome: string;
  readonly identity: string | null;
  readonly flowMs: number;
  readonly linkMs: number;
}

/** The app's handlers, recording every status they answer with. */
function recording(app: App, statuses: number[]): App {
  const wrap =
    (handler: (request: NextRequest) => Promise<NextResponse>) =>
    async (request: NextRequest): Promise<NextResponse> => {
      const response = await handler(request);
      statuses.push(response.status);
      return response;
    };
  return { proxy: wrap(app.proxy), linkStart: wrap(app.linkStart), linkCallback: wrap(app.linkCallback), unlink: wrap(app.unlink) };
}

/**
 * Signs in through the SDK's /auth/login and /auth/callback, as Person.signIn
 * does, but accepts a session the SDK split into chunks (`__session__0`, …):
 * these users' longer emails push the session past the SDK's chunk size.
 */
async function signIn(app: App, browser: Person, email: string): Promise<void> {
  const login = await app.proxy(appRequest(`${APP}/auth/login?returnTo=%2Fsettings`, browser.app));
  browser.app.store(login);
  const callback = await signInAtTenant(login.headers.get("location") ?? "", browser.tenant, { email, connection: "Username-Password-Authentication" });
  const done = await app.proxy(appRequest(callback.toString(), browser.app));
  browser.app.store(done);
  if (!browser.app.names().some((name) => name === "__session" || name.startsWith("__session__"))) throw new Error("signing in did not create a session");
}

async function linkOne(app: App, person: SeededPerson): Promise<Result> {
  const started = performance.now();
  try {
    const browser = new Person(app);
    await signIn(app, browser, person.primaryEmail);
    const linkStarted = performance.now();
    const back = await browser.link("github", { email: person.githubEmail, connection: "github" });
    const done = performance.now();
    return { outcome: back.searchParams.get("link") ?? `no outcome (${back.pathname})`, identity: back.searchParams.get("identity"), flowMs: done - started, linkMs: done - linkStarted };
  } catch (error) {
    const elapsed = performance.now() - started;
    // Grouped by message: ids and emails would make every failure its own row.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\S+@\S+|\b[\w-]+\|\w+/g, "…").slice(0, 80);
    return { outcome: `error: ${message}`, identity: null, flowMs: elapsed, linkMs: elapsed };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

/** `/api/v2/users/auth0|65b…/identities` → `/api/v2/users/{id}/identities`. */
function route(path: string): string {
  return path.replace(/^\/api\/v2\/users\/[^/]+/, "/api/v2/users/{id}").replace(/\/identities\/[^/]+\/[^/]+$/, "/identities/{provider}/{user_id}");
}

function row(label: string, value: string | number): string {
  return `  ${label.padEnd(44)} ${value}`;
}

async function main(): Promise<number> {
  const tenantServer = await startLocalTenantServer({ port: 0, appBaseUrl: APP, rateLimit: TENANT_RATE_LIMIT });
  const tenant = tenantServer.tenant;
  const people = seedPeople(tenant, USERS);
  const app = await loadApp({ AUTH0_DOMAIN: tenantServer.url, APP_BASE_URL: APP });
  const services = await loadedAppServices();
  const statuses: number[] = [];
  const entry = recording(app, statuses);

  const failures: string[] = [];
  const wallStarted = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => resolve("deadline"), DEADLINE_SECONDS * 1000);
  });
  const run = Promise.all(people.map((person) => linkOne(entry, person)));
  const finished = await Promise.race([run, deadline]);
  clearTimeout(timer);
  const wallMs = performance.now() - wallStarted;

  try {
    if (finished === "deadline") {
      failures.push(`the links did not all finish within ${DEADLINE_SECONDS} s`);
      report(people, [], statuses, tenant, wallMs, services.config.throttle, failures);
      return 1;
    }
    const results = finished;
    results.forEach((result, index) => {
      const person = people[index];
      if (!person) return;
      if (result.outcome !== "linked") failures.push(`user ${person.n}: ended ${result.outcome}`);
      else if (result.identity !== person.githubId) failures.push(`user ${person.n}: linked ${result.identity}, expected ${person.githubId}`);
      const identities = tenant.getUser(person.primaryId)?.identities.map((identity) => `${identity.provider}|${identity.user_id}`);
      if (JSON.stringify(identities) !== JSON.stringify([person.primaryId, person.githubId])) {
        failures.push(`user ${person.n}: primary ${person.primaryId} holds ${JSON.stringify(identities)}, expected exactly its own ${person.githubId}`);
      }
      if (tenant.getUser(person.githubId)) failures.push(`user ${person.n}: ${person.githubId} still exists on its own`);
    });
    const owners = new Map<string, string[]>();
    for (const user of tenant.listUsers()) {
      for (const identity of user.identities.slice(1)) {
        const id = `${identity.provider}|${identity.user_id}`;
        owners.set(id, [...(owners.get(id) ?? []), user.user_id]);
      }
    }
    for (const [id, holders] of owners) if (holders.length > 1) failures.push(`${id} is linked to ${holders.length} users (crossed)`);
    const appErrors = statuses.filter((status) => status >= 500).length;
    if (appErrors > 0) failures.push(`${appErrors} answers of 500 or more from the app`);
    const tenantErrors = tenant.requestLog.filter((entry) => entry.status >= 500).length;
    if (tenantErrors > 0) failures.push(`${tenantErrors} Management API answers of 500 or more`);
    const throttledByTenant = tenant.requestLog.filter((entry) => entry.status === 429).length;
    if (throttledByTenant > 0) failures.push(`${throttledByTenant} Management API answers of 429`);
    const linkCalls = tenant.requestLog.filter((entry) => entry.method === "POST" && entry.path.endsWith("/identities") && entry.status === 201).length;
    if (linkCalls !== USERS) failures.push(`${linkCalls} successful link calls to the Management API, expected ${USERS}`);

    report(people, results, statuses, tenant, wallMs, services.config.throttle, failures);
    return failures.length === 0 ? 0 : 1;
  } finally {
    await services.throttle.close();
    await tenantServer.close();
  }
}

function report(
  people: readonly SeededPerson[],
  results: readonly Result[],
  statuses: readonly number[],
  tenant: LocalTenant,
  wallMs: number,
  throttle: { attemptsPerMinute: number; redisUrl: string | null },
  failures: readonly string[],
): void {
  const byOutcome = new Map<string, number>();
  for (const result of results) byOutcome.set(result.outcome, (byOutcome.get(result.outcome) ?? 0) + 1);
  const flow = results.map((result) => result.flowMs).sort((a, b) => a - b);
  const link = results.map((result) => result.linkMs).sort((a, b) => a - b);
  const calls = new Map<string, number>();
  for (const entry of tenant.requestLog) {
    const key = `${entry.method} ${route(entry.path)} → ${entry.status}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
  }

  print();
  print(`Load test: ${people.length} people link GitHub at the same time (in-process app, local tenant on ${tenant.baseUrl})`);
  print(
    row("tenant Management API rate limit", `${TENANT_RATE_LIMIT.limit} burst, ${TENANT_RATE_LIMIT.perSecond}/s — set generous for this test; Auth0's real limits are far lower`),
  );
  print(row("per-user throttle", `${throttle.attemptsPerMinute} link starts per user per minute (${throttle.redisUrl ? "shared through Redis" : "in memory"}); each person starts one`));
  print();
  print(row("users", people.length));
  print(row("links ok (linked, own GitHub identity)", results.filter((result, index) => result.outcome === "linked" && result.identity === people[index]?.githubId).length));
  const notLinked = [...byOutcome].filter(([outcome]) => outcome !== "linked");
  print(row("failures by outcome", notLinked.length === 0 ? "none" : notLinked.map(([outcome, count]) => `${outcome}: ${count}`).join(", ")));
  print(row("full flow (sign in + link) p50 / p95 / max", `${ms(percentile(flow, 50))} / ${ms(percentile(flow, 95))} / ${ms(flow.at(-1) ?? Number.NaN)}`));
  print(row("link only (start → callback) p50 / p95 / max", `${ms(percentile(link, 50))} / ${ms(percentile(link, 95))} / ${ms(link.at(-1) ?? Number.NaN)}`));
  print(row("wall time", ms(wallMs)));
  print(row("app answers", `${statuses.length} (${statuses.filter((status) => status >= 500).length} of 500 or more)`));
  print(row("tenant Management API calls", tenant.requestLog.length));
  for (const [call, count] of [...calls].sort()) print(row(`  ${call}`, count));
  print(row("app log lines", [...logEvents].sort().map(([event, count]) => `${event}: ${count}`).join(", ")));
  print();
  if (failures.length === 0) {
    print("PASS: every link landed on its own primary; none lost, none crossed; no 5xx; no 429.");
  } else {
    print(`FAIL: ${failures.length} check(s) failed:`);
    for (const failure of failures.slice(0, 20)) print(`  - ${failure}`);
    if (failures.length > 20) print(`  … and ${failures.length - 20} more`);
  }
}

const code = await main().catch((error: unknown) => {
  process.stderr.write(`The load test could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
});
process.exit(code);
