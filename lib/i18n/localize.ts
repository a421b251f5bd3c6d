/**
 * From a locale choice to the words of one page: which locale (an explicit
 * one wins, else the request's `Accept-Language`, else English), and its
 * catalog with the app's own messages laid over it.
 */
import type { MessageOverrides, Messages, PartialMessages } from "./catalog";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { formatterFor, type Formatter } from "./format";
import { fr } from "./fr";
import { matchLocale, negotiateLocale } from "./negotiate";

/** The catalogs the package ships, by locale. */
export const SHIPPED_MESSAGES: Readonly<Record<"en" | "de" | "fr" | "es", Messages>> = { en, de, fr, es };

/** English: the locale when nothing else is chosen, and the base of a locale not shipped. */
export const DEFAULT_LOCALE = "en";

/** The words of one page: its locale (the `lang` attribute), its catalog, and formatting in that locale. */
export interface Localization {
  readonly locale: string;
  readonly messages: Messages;
  readonly format: Formatter;
}

/**
 * The app's language options, as `setupAccountLinking`, `linkedAccountsPage`
 * and `<LinkedAccounts>` take them.
 */
export interface LocaleOptions {
  /** Show every page in this locale (e.g. `"de"`), whatever the browser asks for. Default: the request's `Accept-Language`, else English. */
  readonly locale?: string;
  /**
   * Messages of the app's own, per locale: single messages reworded, or a
   * language the package does not ship; see {@link MessageOverrides}.
   * @example { en: { section: { heading: "Sign-in methods" } } }
   */
  readonly messages?: MessageOverrides;
}

/** How a page's locale is chosen; every part is optional. */
export interface LocaleChoice {
  /** An explicit locale (the app's `locale` option): it wins over the request's. */
  readonly locale?: string | undefined;
  /** The request's `Accept-Language` header. */
  readonly acceptLanguage?: string | null | undefined;
  /** The app's own messages, lowest layer first; each adds its locales to the ones offered. */
  readonly messages?: readonly (MessageOverrides | undefined)[];
}

function layers(choice: LocaleChoice): MessageOverrides[] {
  return (choice.messages ?? []).filter((entry): entry is MessageOverrides => entry !== undefined);
}

/** The shipped locales and those the app's messages add. */
export function availableLocales(overrides: readonly MessageOverrides[] = []): string[] {
  const locales = new Set<string>(Object.keys(SHIPPED_MESSAGES));
  for (const layer of overrides) for (const [locale, messages] of Object.entries(layer)) if (messages) locales.add(locale);
  return [...locales];
}

/**
 * The locale a page is shown in: `choice.locale` (matched to the best
 * available one: `de-AT` is shown in `de`), else the best for
 * `choice.acceptLanguage`, else English.
 */
export function chooseLocale(choice: LocaleChoice = {}): string {
  const available = availableLocales(layers(choice));
  if (choice.locale !== undefined) return matchLocale(choice.locale, available) ?? DEFAULT_LOCALE;
  return negotiateLocale(choice.acceptLanguage, available, DEFAULT_LOCALE);
}

/** `de-CH` → `["de", "de-CH"]`: the catalogs that build a locale, the more general first. */
function lineage(locale: string): string[] {
  const parts = locale.split("-");
  return parts.map((_, index) => parts.slice(0, index + 1).join("-"));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** `over` laid on `base`: objects merged key by key, anything else (a string, a function) replaced. */
function merge<T>(base: T, over: unknown): T {
  if (!isObject(base) || !isObject(over)) return (over ?? base) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) if (value !== undefined) merged[key] = merge(merged[key], value);
  return merged as T;
}

function findKey<T>(record: Readonly<Record<string, T>>, locale: string): T | undefined {
  const wanted = locale.toLowerCase();
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : record[key];
}

/**
 * Built catalogs, per list of layers (by identity) and locale: apps pass the
 * same option objects on every request, so a page merges nothing after the
 * first. Weak: layers made afresh per render are forgotten with them.
 */
interface CacheNode {
  readonly messages: Map<string, Messages>;
  readonly next: WeakMap<MessageOverrides, CacheNode>;
}
const cache: CacheNode = { messages: new Map(), next: new WeakMap() };

function cacheFor(overrides: readonly MessageOverrides[]): CacheNode {
  let node = cache;
  for (const layer of overrides) {
    let child = node.next.get(layer);
    if (!child) node.next.set(layer, (child = { messages: new Map(), next: new WeakMap() }));
    node = child;
  }
  return node;
}

function build(locale: string, overrides: readonly MessageOverrides[]): Messages {
  const chain = lineage(locale);
  let messages: Messages = en;
  for (const tag of chain) messages = findKey<Messages>(SHIPPED_MESSAGES, tag) ?? messages;
  for (const layer of overrides) for (const tag of chain) messages = merge(messages, findKey<PartialMessages | undefined>(layer, tag));
  return messages;
}

/**
 * The {@link Localization} of `locale` (one of {@link availableLocales}; any
 * other falls back as {@link chooseLocale} does): the shipped catalog of its
 * language (`de-CH` starts from `de`; one not shipped from English), then
 * each layer of `overrides` in order, the language's entries before the region's.
 */
export function localize(locale: string = DEFAULT_LOCALE, ...overrides: readonly (MessageOverrides | undefined)[]): Localization {
  const layersGiven = overrides.filter((entry): entry is MessageOverrides => entry !== undefined);
  const chosen = chooseLocale({ locale, messages: layersGiven });
  const node = cacheFor(layersGiven);
  let messages = node.messages.get(chosen);
  if (!messages) node.messages.set(chosen, (messages = build(chosen, layersGiven)));
  return { locale: chosen, messages, format: formatterFor(chosen) };
}
