/**
 * What one person does in `npm run load:instances`, through the round-robin
 * proxy and the real pages: sign in, view Settings, link GitHub, view
 * Settings until both instances have answered, unlink GitHub, view Settings
 * again. Every app request is recorded (which instance answered, status,
 * when), and every Settings view is read for the person's own identities and
 * anyone else's. Classifying the views is ./instance-verdicts.ts.
 */
import { performance } from "node:perf_hooks";
import type { LocalTenant } from "../lib/local-tenant";
import { CookieJar, signInAtTenant } from "../tests/support/browser";
import { INSTANCE_HEADER } from "./round-robin-proxy";
import type { SeededPerson } from "./seed-people";

/** When a Settings view happened: before the link, after it, after the unlink. */
export type Phase = "before" | "after-link" | "after-unlink";

/** One request to the app, as the proxy answered it. */
export interface AppRequest {
  readonly person: number;
  /** e.g. `GET /settings`, `POST /link/start`. */
  readonly label: string;
  readonly instance: string;
  readonly status: number;
  /** performance.now() when sent and when the whole answer had arrived. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/** One Settings view and what it showed. */
export interface SettingsView {
  readonly person: number;
  readonly phase: Phase;
  readonly instance: string;
  readonly ms: number;
  /** 200 with the Linked accounts list; anything else is a broken view. */
  readonly shown: boolean;
  readonly status: number;
  /** The secondary identities listed (`provider|user_id` of each Unlink button). */
  readonly secondaries: readonly string[];
  /** Every user id and email of the seeded people that appears anywhere in the page. */
  readonly mentions: readonly string[];
}

/** How a link or unlink ended. */
export interface StepResult {
  readonly person: number;
  readonly kind: "link" | "unlink";
  /** The outcome the redirect named (`linked`, `unlinked`, …), or what went wrong. */
  readonly outcome: string;
  readonly identity: string | null;
  /** Whether the tenant's own state agreed right afterwards. */
  readonly tenantAgrees: boolean;
}

/** Where everyone's requests, views and results are collected, as they happen. */
export interface Records {
  readonly requests: AppRequest[];
  readonly views: SettingsView[];
  readonly steps: StepResult[];
  /** A person's flow that threw: `user 7: …`. */
  readonly errors: string[];
}

/** What a person's flow needs. */
export interface FlowOptions {
  /** The proxy's origin: the app's public origin. */
  readonly app: string;
  readonly tenant: LocalTenant;
  readonly records: Records;
  /** Views after each change: at least this many… */
  readonly minViews: number;
  /** …and more, up to this many, until every instance answered at least twice. */
  readonly maxViews: number;
  readonly instances: readonly string[];
}

const ID_OR_EMAIL = /(?:auth0|github)\|[A-Za-z0-9]+|[\w.+-]+@example\.com/g;

function decodeEntities(text: string): string {
  return text.replace(/&#124;|&#x7c;/gi, "|").replace(/&amp;/g, "&").replace(/&quot;/g, '"');
}

/** A person's browser pointed at the proxy: one cookie jar, every answer recorded. */
class Browser {
  readonly jar = new CookieJar();

  constructor(
    readonly person: SeededPerson,
    readonly options: FlowOptions,
  ) {}

  async request(method: "GET" | "POST", url: string, form?: Record<string, string>): Promise<{ response: Response; body: string; ms: number; instance: string }> {
    const headers: Record<string, string> = { cookie: this.jar.header() };
    if (form) Object.assign(headers, { origin: this.options.app, "content-type": "application/x-www-form-urlencoded" });
    const startedAt = performance.now();
    const response = await fetch(url, { method, redirect: "manual", headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    this.jar.store(response);
    const body = await response.text();
    const endedAt = performance.now();
    const instance = response.headers.get(INSTANCE_HEADER) ?? "?";
    this.options.records.requests.push({ person: this.person.n, label: `${method} ${new URL(url).pathname}`, instance, status: response.status, startedAt, endedAt });
    return { response, body, ms: endedAt - startedAt, instance };
  }

  /** Where the last answer redirected to, resolved against the app. */
  location(response: Response): URL {
    return new URL(response.headers.get("location") ?? "", this.options.app);
  }
}

async function signIn(browser: Browser): Promise<void> {
  const { app } = browser.options;
  const login = await browser.request("GET", `${app}/auth/login?returnTo=%2Fsettings`);
  const back = await signInAtTenant(login.response.headers.get("location") ?? "", new CookieJar(), { email: browser.person.primaryEmail, connection: "Username-Password-Authentication" });
  const done = await browser.request("GET", back.toString());
  // These emails are long enough for the SDK to split the session into chunks (`__session__0`, …).
  if (!browser.jar.names().some((name) => name === "__session" || name.startsWith("__session__"))) throw new Error(`signing in made no session (callback answered ${done.response.status})`);
}

async function viewSettings(browser: Browser, phase: Phase): Promise<SettingsView> {
  const { response, body, ms, instance } = await browser.request("GET", `${browser.options.app}/settings`);
  const shown = response.status === 200 && body.includes("Linked accounts");
  const secondaries = [...body.matchAll(/<input[^>]*name="confirm"[^>]*value="([^"]+)"/g)].map((match) => decodeEntities(match[1] ?? ""));
  const mentions = [...new Set(decodeEntities(body).match(ID_OR_EMAIL) ?? [])];
  const view: SettingsView = { person: browser.person.n, phase, instance, ms, shown, status: response.status, secondaries, mentions };
  browser.options.records.views.push(view);
  return view;
}

/** Views Settings at least `minViews` times, and on until every instance answered twice (at most `maxViews`). */
async function viewUntilEveryInstanceAnswered(browser: Browser, phase: Phase): Promise<void> {
  const { minViews, maxViews, instances } = browser.options;
  const answered = new Map(instances.map((name) => [name, 0]));
  for (let n = 0; n < maxViews; n += 1) {
    const view = await viewSettings(browser, phase);
    answered.set(view.instance, (answered.get(view.instance) ?? 0) + 1);
    if (n + 1 >= minViews && [...answered.values()].every((count) => count >= 2)) return;
  }
}

async function link(browser: Browser): Promise<StepResult> {
  const { app, tenant } = browser.options;
  const { person } = browser;
  const start = await browser.request("POST", `${app}/link/start`, { connection: "github" });
  const back = await signInAtTenant(start.response.headers.get("location") ?? "", new CookieJar(), { email: person.githubEmail, connection: "github" });
  const done = await browser.request("GET", back.toString());
  const outcome = browser.location(done.response).searchParams;
  const holds = tenant.getUser(person.primaryId)?.identities.some((identity) => `${identity.provider}|${identity.user_id}` === person.githubId) ?? false;
  return { person: person.n, kind: "link", outcome: outcome.get("link") ?? `no outcome (${done.response.status})`, identity: outcome.get("identity"), tenantAgrees: holds && !tenant.getUser(person.githubId) };
}

/** POST /link/unlink as the confirmation's form posts it (people just signed in, so no fresh sign-in is asked for). */
async function unlink(browser: Browser): Promise<StepResult> {
  const { app, tenant } = browser.options;
  const { person } = browser;
  const done = await browser.request("POST", `${app}/link/unlink`, { identity: person.githubId });
  const outcome = browser.location(done.response).searchParams;
  const holds = tenant.getUser(person.primaryId)?.identities.some((identity) => `${identity.provider}|${identity.user_id}` === person.githubId) ?? true;
  return { person: person.n, kind: "unlink", outcome: outcome.get("unlink") ?? `no outcome (${done.response.status})`, identity: outcome.get("identity"), tenantAgrees: !holds && Boolean(tenant.getUser(person.githubId)) };
}

/** One person's whole flow. Never rejects: what went wrong is written to `records.errors`. */
export async function runPerson(person: SeededPerson, options: FlowOptions): Promise<void> {
  const browser = new Browser(person, options);
  try {
    await signIn(browser);
    await viewSettings(browser, "before");
    const linked = await link(browser);
    options.records.steps.push(linked);
    await viewUntilEveryInstanceAnswered(browser, "after-link");
    // Unlinking what was never linked would only add a second failure for the same cause.
    if (linked.outcome !== "linked") return;
    options.records.steps.push(await unlink(browser));
    await viewUntilEveryInstanceAnswered(browser, "after-unlink");
  } catch (error) {
    options.records.errors.push(`user ${person.n}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
