/**
 * The browser and operating system a notice names, from the request's
 * `User-Agent` header, parsed with bowser (MIT). The header is the
 * requester's to write, and the requester may be the intruder, so the message
 * never quotes it: only names from bowser's own lists of browsers and systems
 * and a browser's major version number reach the text. A browser bowser does
 * not know it names after whatever word precedes the first `/` (the header's
 * text): that counts as unknown. Its systems always come from its own list
 * (`OS_MAP`), with no such fallback.
 */
import Bowser from "bowser";

/** What a notice says about where a change came from; `null` parts are unknown. */
export interface UserAgentSummary {
  /** e.g. `Firefox 128` */
  readonly browser: string | null;
  /** e.g. `macOS` (no version: macOS and Windows freeze theirs in the header) */
  readonly system: string | null;
}

/** Real headers are a few hundred characters; a longer one is cut before bowser's regular expressions see it. */
export const MAX_USER_AGENT_LENGTH = 512;

let knownBrowsers: ReadonlySet<string> | undefined;

function browserNames(): ReadonlySet<string> {
  // "Generic" is bowser's name for a browser it could not name.
  knownBrowsers ??= new Set(Object.values(Bowser.BROWSER_MAP).filter((name) => name !== "Generic"));
  return knownBrowsers;
}

/** The browser (with its major version) and system named by `header`, each `null` when not one bowser knows. */
export function summariseUserAgent(header: string | undefined): UserAgentSummary {
  const raw = header?.slice(0, MAX_USER_AGENT_LENGTH).trim();
  if (!raw) return { browser: null, system: null };
  const parsed = Bowser.parse(raw);
  const name = parsed.browser.name;
  const major = /^\d{1,4}(?=\.|$)/.exec(parsed.browser.version ?? "")?.[0];
  const browser = name && browserNames().has(name) ? (major ? `${name} ${major}` : name) : null;
  const system = parsed.os.name || null;
  return { browser, system };
}
