/**
 * Which of the available locales a request gets: its `Accept-Language`
 * (RFC 9110 §12.5.4) in preference order, each language range matched the way
 * Intl.LocaleMatcher's best fit does for the cases that matter here: the exact
 * tag, else the same language and script (`de-AT` → `de`, `pt` → `pt-BR`,
 * never `zh-TW` → `zh-CN`), preferring the same region, then the plain language.
 *
 * Why no library: `@formatjs/intl-localematcher` ships ES modules only since
 * 0.7 (every team's jest would have to transform one more package, through
 * our preset), and `negotiator` matches by the first subtag only (it serves a
 * `zh` catalog, Simplified, to `zh-TW`, and `zh-Hant` to no `zh-TW` reader).
 * `Intl.Locale`'s likely subtags (`maximize()`) give the script, with no
 * dependency.
 *
 * The header is the client's to write: it is bounded, anything malformed is
 * skipped, and no tag from it is ever returned unless it is an available locale.
 */

/** Longer headers are cut here: a browser sends a few dozen characters. */
const MAX_HEADER_LENGTH = 1024;
/** Ranges after this many are ignored. */
const MAX_RANGES = 32;
const RANGE = /^(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$/;
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/** The header's language ranges, most preferred first (ties keep their order); `q=0` ("not acceptable") left out. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranges: { tag: string; q: number; index: number }[] = [];
  for (const [index, part] of header.slice(0, MAX_HEADER_LENGTH).split(",").slice(0, MAX_RANGES).entries()) {
    const [tag = "", ...params] = part.split(";").map((piece) => piece.trim());
    if (!RANGE.test(tag)) continue;
    const weight = params.map((param) => WEIGHT.exec(param)).find(Boolean);
    if (params.length > 0 && !weight) continue;
    const q = weight ? Number(weight[1]) : 1;
    if (q > 0) ranges.push({ tag, q, index });
  }
  return ranges.sort((a, b) => b.q - a.q || a.index - b.index).map((range) => range.tag);
}

interface Candidate {
  readonly tag: string;
  readonly canonical: string;
  readonly language: string;
  readonly script: string | undefined;
  readonly region: string | undefined;
  readonly hasRegion: boolean;
}

function candidate(tag: string): Candidate | null {
  try {
    const locale = new Intl.Locale(tag);
    const full = locale.maximize();
    return { tag, canonical: locale.toString().toLowerCase(), language: full.language, script: full.script, region: full.region, hasRegion: locale.region !== undefined };
  } catch {
    // Not a well-formed BCP 47 tag.
    return null;
  }
}

/** Available locales come from code, a handful per app: each is parsed once. Request tags are not kept. */
const availableCandidates = new Map<string, Candidate | null>();

function candidates(available: readonly string[]): Candidate[] {
  return available
    .map((tag) => {
      if (!availableCandidates.has(tag) && availableCandidates.size < 256) availableCandidates.set(tag, candidate(tag));
      return availableCandidates.has(tag) ? (availableCandidates.get(tag) ?? null) : candidate(tag);
    })
    .filter((entry): entry is Candidate => entry !== null);
}

/** The available locale that serves `wanted` best, or `undefined`. */
function bestFor(wanted: Candidate, available: readonly Candidate[]): string | undefined {
  const exact = available.find((locale) => locale.canonical === wanted.canonical);
  if (exact) return exact.tag;
  let best: { tag: string; score: number } | undefined;
  for (const locale of available) {
    if (locale.language !== wanted.language || locale.script !== wanted.script) continue;
    const score = locale.region === wanted.region ? 2 : locale.hasRegion ? 0 : 1;
    if (!best || score > best.score) best = { tag: locale.tag, score };
  }
  return best?.tag;
}

/**
 * The locale of `available` that the request's `Accept-Language` prefers,
 * else `fallback`. `*` accepts the fallback.
 * @example negotiateLocale("de-CH,de;q=0.9,en;q=0.8", ["en", "de", "fr", "es"], "en") // "de"
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, available: readonly string[], fallback: string): string {
  if (!acceptLanguage) return fallback;
  const offered = candidates(available);
  for (const range of acceptedLanguages(acceptLanguage)) {
    if (range === "*") return fallback;
    const wanted = candidate(range);
    const match = wanted && bestFor(wanted, offered);
    if (match) return match;
  }
  return fallback;
}

/** `locale` itself when it is available, else the available locale that serves it best, else `undefined`. */
export function matchLocale(locale: string, available: readonly string[]): string | undefined {
  // The common case, on every render: the locale was chosen from `available` already.
  if (available.includes(locale)) return locale;
  const wanted = candidate(locale);
  return wanted ? bestFor(wanted, candidates(available)) : undefined;
}
