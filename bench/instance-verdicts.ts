/**
 * How `npm run load:instances` judges what the people saw (./instance-flow.ts
 * records it). The definitions, in one place:
 *
 * - stale: a Settings view that shows an older state than the person's own
 *   finished change: after a link that ended `linked`, the person's GitHub
 *   identity is not among the listed accounts; after an unlink that ended
 *   `unlinked`, it still is. Counted per view, by phase and instance.
 * - crossed: a Settings view (any phase) in which any other seeded person's
 *   user id or email appears anywhere in the page.
 * - lost: a link that did not end `linked` with the person's own GitHub
 *   identity, or after which the tenant's primary did not hold it (and the
 *   GitHub user still stood alone); an unlink that did not end `unlinked` with
 *   it, or after which the tenant still showed it linked; a flow that never
 *   got to either; and, at the end, a primary that holds anything but its own
 *   identity, or a GitHub user that is gone (everything was unlinked).
 * - broken: a Settings view that was not a 200 with the Linked accounts list,
 *   or that does not name the person's own email (the crossed check would be
 *   blind to it).
 */
import type { LocalTenant } from "../lib/local-tenant";
import type { Phase, Records, SettingsView } from "./instance-flow";
import type { SeededPerson } from "./seed-people";

/** A Management API request as it arrived at the tenant (its server's onRequest). */
export interface TenantArrival {
  readonly method: string;
  /** Decoded, without the query: `/api/v2/users/auth0|65b…`. */
  readonly path: string;
  /** performance.now() on arrival. */
  readonly at: number;
}

/** Counts by instance name. */
export type ByInstance = Map<string, number>;

/** The verdicts and the figures the report prints. */
export interface Verdicts {
  readonly viewsByPhase: ReadonlyMap<Phase, ByInstance>;
  readonly staleByPhase: ReadonlyMap<Phase, ByInstance>;
  /** Views showing someone else's id or email, by the instance that answered. */
  readonly crossed: ByInstance;
  /** Views that were not a 200 with the list, by instance. */
  readonly broken: ByInstance;
  readonly lostLinks: number;
  readonly lostUnlinks: number;
  readonly lostAtEnd: number;
  /** App answers of 500 or more, by instance. */
  readonly serverErrors: ByInstance;
  /** GET /api/v2/users/{id} made while a Settings view of that user was in flight, by the instance answering it. */
  readonly userReadsDuringViews: ByInstance;
  /** GET /api/v2/users/{id} at any other moment (during a link, an unlink, a sign-in). */
  readonly otherUserReads: number;
  /** People for whom a phase ended before every instance had answered twice. */
  readonly underCovered: number;
  /** One line per failed check, for the report's list. */
  readonly failures: readonly string[];
}

const USER_READ = /^\/api\/v2\/users\/[^/]+$/;

function add(map: ByInstance, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function phaseMap(): Map<Phase, ByInstance> {
  return new Map<Phase, ByInstance>([
    ["before", new Map()],
    ["after-link", new Map()],
    ["after-unlink", new Map()],
  ]);
}

/** Judges `records` against what each person did and the tenant's state now. */
export function judge(people: readonly SeededPerson[], records: Records, tenant: LocalTenant, arrivals: readonly TenantArrival[], instances: readonly string[]): Verdicts {
  const failures: string[] = [...records.errors];
  const owner = new Map<string, number>();
  for (const person of people) for (const token of [person.primaryId, person.primaryEmail, person.githubId, person.githubEmail]) owner.set(token, person.n);
  const byN = new Map(people.map((person) => [person.n, person]));

  // -------- links and unlinks
  let lostLinks = 0;
  let lostUnlinks = 0;
  const linkedOk = new Set<number>();
  const unlinkedOk = new Set<number>();
  for (const person of people) {
    const linkStep = records.steps.find((step) => step.person === person.n && step.kind === "link");
    const unlinkStep = records.steps.find((step) => step.person === person.n && step.kind === "unlink");
    if (linkStep?.outcome === "linked" && linkStep.identity === person.githubId && linkStep.tenantAgrees) linkedOk.add(person.n);
    else {
      lostLinks += 1;
      failures.push(`user ${person.n}: link ${linkStep ? `ended ${linkStep.outcome} (${linkStep.identity ?? "no identity"}), tenant ${linkStep.tenantAgrees ? "agrees" : "disagrees"}` : "never finished"}`);
    }
    if (linkStep?.outcome !== "linked") continue;
    if (unlinkStep?.outcome === "unlinked" && unlinkStep.identity === person.githubId && unlinkStep.tenantAgrees) unlinkedOk.add(person.n);
    else {
      lostUnlinks += 1;
      failures.push(`user ${person.n}: unlink ${unlinkStep ? `ended ${unlinkStep.outcome} (${unlinkStep.identity ?? "no identity"}), tenant ${unlinkStep.tenantAgrees ? "agrees" : "disagrees"}` : "never finished"}`);
    }
  }
  let lostAtEnd = 0;
  for (const person of people) {
    const identities = tenant.getUser(person.primaryId)?.identities.map((identity) => `${identity.provider}|${identity.user_id}`);
    const alone = tenant.getUser(person.githubId)?.identities.length === 1;
    if (JSON.stringify(identities) !== JSON.stringify([person.primaryId]) || !alone) {
      lostAtEnd += 1;
      failures.push(`user ${person.n}: at the end the primary holds ${JSON.stringify(identities)} and the GitHub user ${alone ? "stands alone" : "is gone"}`);
    }
  }

  // -------- Settings views
  const viewsByPhase = phaseMap();
  const staleByPhase = phaseMap();
  const crossed: ByInstance = new Map();
  const broken: ByInstance = new Map();
  for (const view of records.views) {
    const person = byN.get(view.person);
    if (!person) continue;
    add(viewsByPhase.get(view.phase) as ByInstance, view.instance);
    // A page that does not even name its own person would make the crossed check blind: broken too.
    if (!view.shown || !view.mentions.includes(person.primaryEmail)) {
      add(broken, view.instance);
      failures.push(`user ${view.person}: a Settings view ${view.phase} on ${view.instance} answered ${view.status} ${view.shown ? "without the person's own email" : "without the list"}`);
      continue;
    }
    if (isStale(view, person, linkedOk, unlinkedOk)) {
      add(staleByPhase.get(view.phase) as ByInstance, view.instance);
      failures.push(`user ${view.person}: stale view ${view.phase} on ${view.instance} (lists ${JSON.stringify(view.secondaries)})`);
    }
    const others = view.mentions.filter((token) => owner.has(token) && owner.get(token) !== person.n);
    if (others.length > 0) {
      add(crossed, view.instance);
      failures.push(`user ${view.person}: Settings ${view.phase} on ${view.instance} shows ${others.join(", ")} (crossed)`);
    }
  }
  let underCovered = 0;
  for (const person of people) {
    for (const phase of ["after-link", "after-unlink"] as const) {
      const answered = records.views.filter((view) => view.person === person.n && view.phase === phase);
      if (answered.length === 0) continue;
      if (instances.some((name) => answered.filter((view) => view.instance === name).length < 2)) underCovered += 1;
    }
  }

  // -------- app errors, and whose Management API reads these were
  const serverErrors: ByInstance = new Map();
  for (const request of records.requests) if (request.status >= 500) add(serverErrors, request.instance);
  for (const [instance, count] of serverErrors) failures.push(`${count} answers of 500 or more from instance ${instance}`);
  const userReadsDuringViews: ByInstance = new Map();
  let otherUserReads = 0;
  const personOfId = new Map(people.map((person) => [person.primaryId, person.n]));
  for (const arrival of arrivals) {
    if (arrival.method !== "GET" || !USER_READ.test(arrival.path)) continue;
    const n = personOfId.get(arrival.path.slice("/api/v2/users/".length));
    // A person's requests are sequential: at most one of theirs is in flight at any moment.
    const during = records.requests.find((request) => request.person === n && request.startedAt <= arrival.at && arrival.at <= request.endedAt);
    if (during?.label === "GET /settings") add(userReadsDuringViews, during.instance);
    else otherUserReads += 1;
  }
  const throttled = tenant.requestLog.filter((entry) => entry.status === 429).length;
  if (throttled > 0) failures.push(`${throttled} Management API answers of 429 from the tenant`);
  const tenantErrors = tenant.requestLog.filter((entry) => entry.status >= 500).length;
  if (tenantErrors > 0) failures.push(`${tenantErrors} Management API answers of 500 or more from the tenant`);

  return { viewsByPhase, staleByPhase, crossed, broken, lostLinks, lostUnlinks, lostAtEnd, serverErrors, userReadsDuringViews, otherUserReads, underCovered, failures };
}

function isStale(view: SettingsView, person: SeededPerson, linkedOk: ReadonlySet<number>, unlinkedOk: ReadonlySet<number>): boolean {
  const listsGithub = view.secondaries.includes(person.githubId);
  if (view.phase === "after-link") return linkedOk.has(person.n) && !listsGithub;
  if (view.phase === "after-unlink") return unlinkedOk.has(person.n) && listsGithub;
  return false;
}
