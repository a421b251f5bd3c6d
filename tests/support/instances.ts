/**
 * Two (or more) instances of the app in one test, as two servers behind a
 * load balancer: each a separately loaded copy of the app's modules with its
 * own services, its own Redis connection and its own per-process state
 * (caches, replay guard, fallbacks), sharing only what they would share in
 * production: the local tenant, AUTH0_SECRET and REDIS_URL.
 */
import { APP, Person, loadApp, loadedAppServices, type App } from "./app";
import { appRequest } from "./browser";
import type { RunningApp } from "./linking";
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

/** The app's origin, which both instances serve (the load balancer's). */
export { APP };
