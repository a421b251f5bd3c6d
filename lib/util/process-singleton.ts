/**
 * One object per process, shared by every page and route handler. Kept on
 * `globalThis` under a `Symbol.for` key because a Next.js build gives each
 * page and route its own copy of our modules: an object held in a module
 * would not let a link (route `/link/callback`) update what Settings (a page)
 * reads.
 */

/** The process's object under `name`, created by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`account-linking.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** Forgets the process's object under `name`, so the next use creates it afresh (tests that start the app afresh). */
export function forgetProcessSingleton(name: string): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(`account-linking.${name}`)];
}
