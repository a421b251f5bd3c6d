/**
 * The table `npm run load:instances` prints: one column per instance and one
 * for the fleet, then the lost counts, the tenant's calls by route, each
 * instance's log events and the failed checks.
 */
import type { LocalTenant } from "../lib/local-tenant";
import type { Phase, Records } from "./instance-flow";
import type { ByInstance, Verdicts } from "./instance-verdicts";

/** What the run was, for the heading. */
export interface RunDescription {
  readonly people: number;
  readonly proxy: string;
  readonly tenant: string;
  /** The shared Redis, or null with --no-redis. */
  readonly redis: string | null;
  readonly instances: readonly { readonly name: string; readonly url: string; readonly events: ReadonlyMap<string, number> }[];
  readonly wallMs: number;
  /** Set when the people had not all finished by the deadline. */
  readonly deadlineMissed: boolean;
}

const print = (line = ""): void => void process.stdout.write(`${line}\n`);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const sum = (map: ByInstance | undefined): number => [...(map?.values() ?? [])].reduce((total, count) => total + count, 0);
const ms = (value: number): string => (Number.isNaN(value) ? "—" : `${Math.round(value)} ms`);

/** `/api/v2/users/auth0|65b…/identities` → `/api/v2/users/{id}/identities`. */
function route(path: string): string {
  return path.replace(/^\/api\/v2\/users\/[^/]+/, "/api/v2/users/{id}").replace(/\/identities\/[^/]+\/[^/]+$/, "/identities/{provider}/{user_id}");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((text, column) => (column === 0 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0))).join(" | ")} |`;
  return [line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Prints the report; returns nothing (the caller decides the exit code from `verdicts.failures`). */
export function report(run: RunDescription, verdicts: Verdicts, records: Records, tenant: LocalTenant): void {
  const names = run.instances.map((instance) => instance.name);
  const perInstance = (value: (name: string | null) => string): string[] => [...names.map((name) => value(name)), value(null)];
  const count = (map: ByInstance | undefined) => (name: string | null): string => String(name === null ? sum(map) : (map?.get(name) ?? 0));
  const views = (phase: Phase | null) => (name: string | null): number =>
    phase === null ? [...verdicts.viewsByPhase.values()].reduce((total, map) => total + (name === null ? sum(map) : (map.get(name) ?? 0)), 0) : name === null ? sum(verdicts.viewsByPhase.get(phase)) : (verdicts.viewsByPhase.get(phase)?.get(name) ?? 0);
  const latency = (p: number) => (name: string | null): string =>
    ms(percentile(records.views.filter((view) => name === null || view.instance === name).map((view) => view.ms).sort((a, b) => a - b), p));
  const readsPerView = (name: string | null): string => {
    const reads = name === null ? sum(verdicts.userReadsDuringViews) : (verdicts.userReadsDuringViews.get(name) ?? 0);
    const shown = views(null)(name);
    return shown === 0 ? "—" : `${reads} (${(reads / shown).toFixed(2)}/view)`;
  };

  print();
  print(`Load across instances (issue #13): ${run.people} people, ${names.length} × next start behind a round-robin proxy (${run.proxy}), local tenant on ${run.tenant}`);
  print(`shared state: ${run.redis ? `Redis at ${run.redis}` : "none (--no-redis: each instance keeps its own caches; stale views show what that does)"}`);
  print(`instances: ${run.instances.map((instance) => `${instance.name} = ${instance.url}`).join(", ")}; wall time ${ms(run.wallMs)}${run.deadlineMissed ? " (DEADLINE MISSED: partial figures)" : ""}`);
  print();
  print(
    table(
      ["", ...names.map((name) => `instance ${name}`), "fleet"],
      [
        ["Settings views", ...perInstance((name) => String(views(null)(name)))],
        ["  before the link", ...perInstance((name) => String(views("before")(name)))],
        ["  after the link", ...perInstance((name) => String(views("after-link")(name)))],
        ["  after the unlink", ...perInstance((name) => String(views("after-unlink")(name)))],
        ["stale views after the link", ...perInstance(count(verdicts.staleByPhase.get("after-link")))],
        ["stale views after the unlink", ...perInstance(count(verdicts.staleByPhase.get("after-unlink")))],
        ["crossed views (someone else's id/email)", ...perInstance(count(verdicts.crossed))],
        ["broken views (no list)", ...perInstance(count(verdicts.broken))],
        ["app answers ≥ 500", ...perInstance(count(verdicts.serverErrors))],
        ["GET /api/v2/users/{id} during views", ...perInstance(readsPerView)],
        ["Settings view p50", ...perInstance(latency(50))],
        ["Settings view p95", ...perInstance(latency(95))],
      ],
    ),
  );
  print();
  print(`lost: ${verdicts.lostLinks} links, ${verdicts.lostUnlinks} unlinks, ${verdicts.lostAtEnd} people whose tenant state at the end is not their primary alone`);
  print(`coverage: ${verdicts.underCovered} phases (of ${run.people * 2}) ended before every instance had answered twice`);
  print(`GET /api/v2/users/{id} outside Settings views (link, unlink, sign-in): ${verdicts.otherUserReads}`);
  const calls = new Map<string, number>();
  for (const entry of tenant.requestLog) {
    const key = `${entry.method} ${route(entry.path)} → ${entry.status}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
  }
  print(`tenant Management API calls: ${tenant.requestLog.length} (429: ${tenant.requestLog.filter((entry) => entry.status === 429).length})`);
  for (const [call, total] of [...calls].sort()) print(`  ${call.padEnd(60)} ${total}`);
  for (const instance of run.instances) {
    print(`log events of ${instance.name}: ${[...instance.events].sort().map(([event, total]) => `${event}: ${total}`).join(", ") || "none"}`);
  }
  print();
  if (verdicts.failures.length === 0 && !run.deadlineMissed) {
    print("PASS: no stale, crossed or broken view; no lost link or unlink; no 5xx; no 429.");
    return;
  }
  const failures = [...(run.deadlineMissed ? ["the people did not all finish within the deadline"] : []), ...verdicts.failures];
  print(`FAIL: ${failures.length} check(s) failed:`);
  for (const failure of failures.slice(0, 20)) print(`  - ${failure}`);
  if (failures.length > 20) print(`  … and ${failures.length - 20} more`);
}
