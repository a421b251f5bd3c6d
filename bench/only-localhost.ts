/**
 * The bench scripts contact only this machine: `fetch` to anywhere but
 * localhost is refused, so a script can never reach a real tenant by mistake.
 */

/**
 * Replaces the global `fetch` with one that refuses every host but
 * `localhost` and `127.0.0.1` (naming `script` in the error).
 */
export function onlyLocalhost(script: string): void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.hostname !== "localhost" && url.hostname !== "127.0.0.1") {
      return Promise.reject(new Error(`${script} only talks to localhost (refused ${url.origin})`));
    }
    return realFetch(input, init);
  };
}
