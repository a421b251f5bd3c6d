/**
 * One clock for the whole test: the app, the SDK, jose and the local tenant
 * all read `Date`, so faking `Date` alone (and nothing else: timers,
 * microtasks and `performance` stay real) lets a test say "20 minutes pass"
 * for everyone at once. The clock stands still until a test moves it.
 *
 * Call it at the top of a test file, BEFORE `useLocalTenant()` and
 * `useApp()`: they capture `Date.now` when they create the tenant and the app
 * in their own `beforeEach`, which must then already be the shared clock's.
 */

/** Everything jest can fake except `Date`. */
const REAL = [
  "hrtime",
  "nextTick",
  "performance",
  "queueMicrotask",
  "requestAnimationFrame",
  "cancelAnimationFrame",
  "requestIdleCallback",
  "cancelIdleCallback",
  "setImmediate",
  "clearImmediate",
  "setInterval",
  "clearInterval",
  "setTimeout",
  "clearTimeout",
] as const;

/** Moves the shared clock. */
export interface SharedClock {
  /** Moves every clock forward by `minutes`. */
  passMinutes(minutes: number): void;
  /** Moves every clock forward by `ms`. */
  passMs(ms: number): void;
}

/** Fakes `Date` for each test of the file, starting at the real time. */
export function useSharedClock(): SharedClock {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: [...REAL], now: Date.now() });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
  const passMs = (ms: number): void => {
    jest.setSystemTime(Date.now() + ms);
  };
  return { passMs, passMinutes: (minutes) => passMs(minutes * 60_000) };
}
