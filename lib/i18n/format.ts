/**
 * Numbers, plurals and lists in the page's language, through `Intl`: the
 * catalogs never add an "s" or join words with ", " themselves. One set of
 * `Intl` objects per locale, made on first use (they are costly to build and
 * safe to share); the locales come from the negotiated set, so the cache is bounded.
 */
import type { Messages, Plural } from "./catalog";

/** Formatting in one locale. */
export interface Formatter {
  /** The BCP 47 tag it formats for, e.g. "de". */
  readonly locale: string;
  /** `1234` → "1234" (digits of the locale; no grouping: a wait reads as one number). */
  number(value: number): string;
  /** The form of `forms` that Intl.PluralRules picks for `count`, given the formatted number. */
  plural(count: number, forms: Plural): string;
  /** `["A", "B", "C"]` → "A, B, and C" (Intl.ListFormat, conjunction). */
  list(items: readonly string[]): string;
}

const formatters = new Map<string, Formatter>();

function build(locale: string): Formatter {
  const numbers = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 0 });
  const plurals = new Intl.PluralRules(locale);
  const lists = new Intl.ListFormat(locale, { type: "conjunction", style: "long" });
  return {
    locale,
    number: (value) => numbers.format(value),
    plural(count, forms) {
      const category = plurals.select(count);
      const form = category === "other" ? forms.other : (forms[category] ?? forms.other);
      return form(numbers.format(count));
    },
    list: (items) => lists.format(items),
  };
}

/**
 * The {@link Formatter} for `locale`; English for a tag `Intl` refuses
 * (RangeError), so a bad tag never fails a page.
 */
export function formatterFor(locale: string): Formatter {
  let formatter = formatters.get(locale);
  if (!formatter) {
    try {
      formatter = build(locale);
    } catch {
      formatter = formatterFor("en");
    }
    formatters.set(locale, formatter);
  }
  return formatter;
}

/** "Please try again in 7 seconds." in the catalog's words, or its `moment` sentence when the wait is unknown. */
export function waitSentence(messages: Messages, format: Formatter, seconds: number | undefined): string {
  return seconds === undefined ? messages.wait.moment : format.plural(seconds, messages.wait.seconds);
}
