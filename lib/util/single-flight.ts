/**
 * One run at a time per key: a caller that asks while a run for its key is
 * under way gets that run's promise instead of starting another. The caches
 * use it so that simultaneous misses make one Management API call.
 */

/** Runs `run` for `key` unless one is under way, whose promise is then shared. */
export type SingleFlight = <T>(key: string, run: () => Promise<T>) => Promise<T>;

/** A {@link SingleFlight} with its own set of runs under way. */
export function createSingleFlight(): SingleFlight {
  const running = new Map<string, Promise<unknown>>();
  return <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const current = running.get(key) as Promise<T> | undefined;
    if (current) return current;
    const started = run().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
