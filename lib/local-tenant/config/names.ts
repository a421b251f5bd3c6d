/**
 * Small helpers the configuration's checks and its conversion share, kept
 * apart from schema.ts so that converting a config never loads zod.
 */

/** Whether a grant's `audience` names the Management API: `/api/v2/`, or its full URL on any local origin. */
export function isManagementAudience(audience: string): boolean {
  return audience === "/api/v2/" || /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/api\/v2\/$/.test(audience);
}

/** `clients[0].callbacks[1]`, as a person finds it in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), "");
}

/** The candidate at most two edits from `word` (a typo), or undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
