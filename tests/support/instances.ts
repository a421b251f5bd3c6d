/**
 * Two (or more) instances of the app in one test, as two servers behind a
 * load balancer: each a separately loaded copy of the app's modules with its
 * own services, its own Redis connection and its own per-process state
 * (caches, replay guard, fallbacks), sharing only what they would share in
 * production: the local tenant, AUTH0_SECRET and REDIS_URL.
 */
import { Person, loadApp, loadedAppServices, modeEnv, type App } from "./app";
import { appRequest } from "./browser";
import type { RunningApp } from "./linking";
import { M2M_ENV, settingsView } from "./suggestions";
import type { Services } from "@/lib/setup/services";

/** One instance: what a test drives ({@link RunningApp}), and its name for messages. */
export interface Instance extends RunningApp {
  readonly name: string;
  /** Stops its Redis connection and throttle. */
  stop(): Promise<void>;
}

/**
 * Forgets every per-process object of account linking (kept on `globalThis`,
 * see lib/util/process-singleton.ts). An instance already started keeps
 * hold of its own; the next one creates new ones, as another process would.
 */
export function forgetProcessState(): void {
  const holder = globalThis as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(holder)) {
    if (Symbol.keyFor(key)?.startsWith("account-linking.")) delete holder[key];
  }
}

/** Starts instance `name` with `env` on top of what `npm run dev` sets. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  forgetProcessState();
  let loaded: { app: App; services: Services; nextServer: typeof import("next/server") } | undefined;
  await jest.isolateModulesAsync(async () => {
    const app = await loadApp(env);
    const nextServer = await import("next/server");
    loaded = { app, services: await loadedAppServices(), nextServer };
  });
  // What it created is its own: the next instance must not find it.
  forgetProcessState();
  if (!loaded) throw new Error(`instance ${name} did not load`);
  const { app, services, nextServer } = loaded;
  return {
    name,
    app: () => app,
    person: () => new Person(app),
    request: (url, jar, init) => appRequest(url, jar, init),
    services: () => services,
    nextServer: () => nextServer,
    stop: () => services.close(),
  };
}

/**
 * Instances A and B sharing `redisUrl` (with the machine-to-machine client,
 * in the mode under test), stopped after each test.
 */
export function useFleet(): (redisUrl: string, env?: Record<string, string>) => Promise<[Instance, Instance]> {
  const started: Instance[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((instance) => instance.stop()));
  });
  return async (redisUrl, env = {}) => {
    const a = await startInstance("A", { REDIS_URL: redisUrl, ...M2M_ENV, ...modeEnv(), ...env });
    const b = await startInstance("B", { REDIS_URL: redisUrl, ...M2M_ENV, ...modeEnv(), ...env });
    started.push(a, b);
    return [a, b];
  };
}

/** The identities (`provider|user_id`) Settings lists for `person` when `instance` answers: the page's own loader. */
export async function listedOn(instance: Instance, person: Person): Promise<string[]> {
  const view = await settingsView(instance, person.on(instance.app()));
  if (!view.read.ok) throw new Error(`Settings on ${instance.name} failed: ${view.read.error.code}`);
  return view.read.value.identities.map((identity) => `${identity.provider}|${identity.user_id}`);
}
