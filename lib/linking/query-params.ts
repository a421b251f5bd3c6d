/**
 * Reading the few query parameters the pages act on (outcome codes, an
 * identity id, a wait): one value each, never an array, and a wait only as
 * a bounded whole number. What they map to is decided elsewhere; nothing
 * read here is ever shown as it is.
 */

/** A page's `searchParams`, as Next.js passes them. */
export type QueryParams = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The parameter's one value, or `undefined` when it is missing or repeated. */
export function singleParam(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `retry=<seconds>`: a whole number from 1, at most a day; anything else `undefined`. */
export function retrySeconds(value: string | readonly string[] | undefined): number | undefined {
  const raw = singleParam(value);
  return raw && /^\d{1,5}$/.test(raw) && Number(raw) > 0 ? Math.min(Number(raw), 86_400) : undefined;
}
