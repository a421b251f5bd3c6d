/**
 * The message catalogs: every part and every outcome code in every shipped
 * language, nothing left in English, counts through Intl.PluralRules, and the
 * app's own messages laid over them.
 */
import { LINK_OUTCOMES, UNLINK_OUTCOMES } from "@/lib/linking/outcomes";
import { SHIPPED_MESSAGES, formatterFor, localize, waitSentence, type Messages, type MessageOverrides } from "@/lib/i18n";

const LOCALES = Object.keys(SHIPPED_MESSAGES) as (keyof typeof SHIPPED_MESSAGES)[];
const OTHERS = LOCALES.filter((locale) => locale !== "en");

/**
 * Keys whose text may equal English in another language: they consist of
 * proper names and the account only ("GitHub (owner@example.com)").
 */
const SAME_AS_ENGLISH_ALLOWED = new Set(["unlinkConfirmation.remainingSignIn", "notice.browserLabel", "prompt.existing"]);

/** Markers for the parameters, so a message that drops one is caught. */
const FULL = { connection: "GitHub", account: "owner.github@example.com", wait: "⟨wait⟩", signIns: "⟨sign-ins⟩", signInAgainFirst: true, app: "⟨app⟩", browser: "⟨browser⟩", system: "⟨system⟩" };
const BARE = { wait: "⟨wait⟩", signIns: "⟨sign-ins⟩", signInAgainFirst: false };

type Leaf = string | ((params: never) => string);

/** Every leaf of a catalog by its dotted path ("link.cancelled", "wait.seconds.one"). */
function leaves(node: unknown, path = ""): Map<string, Leaf> {
  const found = new Map<string, Leaf>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === "string" || typeof value === "function") found.set(at, value as Leaf);
    else for (const [inner, leaf] of leaves(value, at)) found.set(inner, leaf);
  }
  return found;
}

/** Messages whose parameters may all be absent (an outcome about a sign-in the page cannot name, a read error without a wait). */
function takesBare(path: string): boolean {
  return /^(link|unlink|readError)\./.test(path) || (path.startsWith("identityInUse.") && path !== "identityInUse.button") || path === "linkAnother.intro";
}

/** What a leaf says with each set of parameters (plural forms get a count). */
function renderings(path: string, leaf: Leaf): string[] {
  if (typeof leaf === "string") return [leaf];
  const call = leaf as (params: unknown) => string;
  if (path.startsWith("wait.seconds.")) return [call("⟨n⟩")];
  if (!takesBare(path)) return [call(FULL)];
  return [call(FULL), call(path.startsWith("readError.") ? {} : BARE)];
}

const english = leaves(SHIPPED_MESSAGES.en);

describe("the shipped catalogs", () => {
  it.each(OTHERS)("%s has every part English has, and nothing else", (locale) => {
    const catalog = leaves(SHIPPED_MESSAGES[locale]);
    expect([...catalog.keys()].filter((path) => !path.startsWith("wait.seconds.")).sort()).toEqual(
      [...english.keys()].filter((path) => !path.startsWith("wait.seconds.")).sort(),
    );
    for (const [path, leaf] of catalog) expect([path, typeof leaf]).toEqual([path, typeof (english.get(path) ?? leaf)]);
  });

  it.each(LOCALES)("%s has a sentence for every link and unlink outcome code", (locale) => {
    const { link, unlink } = SHIPPED_MESSAGES[locale];
    for (const code of LINK_OUTCOMES) expect(link[code](FULL).length).toBeGreaterThan(20);
    for (const code of UNLINK_OUTCOMES) expect(unlink[code](FULL).length).toBeGreaterThan(20);
    expect(Object.keys(link).sort()).toEqual([...LINK_OUTCOMES].sort());
    expect(Object.keys(unlink).sort()).toEqual([...UNLINK_OUTCOMES].sort());
  });

  it.each(LOCALES)("%s says something whole for every part, keeping every name and number it is given", (locale) => {
    for (const [path, leaf] of leaves(SHIPPED_MESSAGES[locale])) {
      const englishLeaf = english.get(path);
      const said = renderings(path, leaf);
      const englishSaid = englishLeaf ? renderings(path, englishLeaf) : said;
      said.forEach((text, variant) => {
        expect([path, text]).toEqual([path, expect.stringMatching(/\S/)]);
        expect([path, text]).not.toEqual([path, expect.stringMatching(/undefined|null|\[object|\$\{|\{\w+\}/)]);
        // Whatever the English sentence mentions (the name, the account, the wait, the count), the translation mentions too.
        for (const marker of ["GitHub", "owner.github@example.com", "⟨wait⟩", "⟨sign-ins⟩", "⟨n⟩", "⟨app⟩", "⟨browser⟩", "⟨system⟩"]) {
          if (englishSaid[variant]?.includes(marker)) expect([path, text]).toEqual([path, expect.stringContaining(marker)]);
        }
      });
    }
  });

  it.each(OTHERS)("%s leaves no message in English (proper names aside)", (locale) => {
    const untranslated: string[] = [];
    for (const [path, leaf] of leaves(SHIPPED_MESSAGES[locale])) {
      const englishLeaf = english.get(path);
      if (!englishLeaf || SAME_AS_ENGLISH_ALLOWED.has(path)) continue;
      const said = renderings(path, leaf);
      if (renderings(path, englishLeaf).some((text, variant) => text === said[variant])) untranslated.push(path);
    }
    expect(untranslated).toEqual([]);
  });

  it("allows only keys that exist, so the allowlist cannot hide a renamed one", () => {
    for (const path of SAME_AS_ENGLISH_ALLOWED) expect(english.has(path)).toBe(true);
  });
});

describe("counts through Intl.PluralRules and Intl.NumberFormat", () => {
  it.each([
    ["en", ["Please try again in 0 seconds.", "Please try again in 1 second.", "Please try again in 2 seconds.", "Please try again in 5 seconds."]],
    ["de", ["Bitte versuchen Sie es in 0 Sekunden erneut.", "Bitte versuchen Sie es in 1 Sekunde erneut.", "Bitte versuchen Sie es in 2 Sekunden erneut.", "Bitte versuchen Sie es in 5 Sekunden erneut."]],
    // French puts 0 with 1 ("one"): "0 seconde".
    ["fr", ["Veuillez réessayer dans 0\u00a0seconde.", "Veuillez réessayer dans 1\u00a0seconde.", "Veuillez réessayer dans 2\u00a0secondes.", "Veuillez réessayer dans 5\u00a0secondes."]],
    ["es", ["Vuelve a intentarlo dentro de 0 segundos.", "Vuelve a intentarlo dentro de 1 segundo.", "Vuelve a intentarlo dentro de 2 segundos.", "Vuelve a intentarlo dentro de 5 segundos."]],
  ] as const)("%s: waits of 0, 1, 2 and 5 seconds", (locale, expected) => {
    const { messages, format } = localize(locale);
    expect([0, 1, 2, 5].map((seconds) => waitSentence(messages, format, seconds))).toEqual(expected);
  });

  it("writes the number in the locale's digits, and says a moment when the wait is unknown", () => {
    const arabic = formatterFor("ar-EG");
    expect(arabic.plural(5, { other: (n) => `[${n}]` })).toBe("[٥]");
    expect(waitSentence(SHIPPED_MESSAGES.de, formatterFor("de"), undefined)).toBe("Bitte warten Sie einen Moment und versuchen Sie es dann erneut.");
  });

  it("uses the category's form when the catalog has one, else `other`", () => {
    const polish = formatterFor("pl");
    const forms = { one: (n: string) => `${n} sekunda`, few: (n: string) => `${n} sekundy`, other: (n: string) => `${n} sekund` };
    expect([1, 2, 5, 22].map((count) => polish.plural(count, forms))).toEqual(["1 sekunda", "2 sekundy", "5 sekund", "22 sekundy"]);
    expect(polish.plural(2, { other: (n) => `${n} sekund` })).toBe("2 sekund");
  });

  it.each([
    ["en", "Email and password (owner@example.com), GitHub, and Google"],
    ["de", "E-Mail und Passwort (owner@example.com), GitHub und Google"],
    ["fr", "E-mail et mot de passe (owner@example.com), GitHub et Google"],
    ["es", "Correo electrónico y contraseña (owner@example.com), GitHub y Google"],
  ] as const)("%s joins lists with Intl.ListFormat", (locale, expected) => {
    const { messages, format } = localize(locale);
    expect(format.list([`${messages.connections.password} (owner@example.com)`, "GitHub", "Google"])).toBe(expected);
  });
});

describe("the app's own messages", () => {
  it("rewords a single English message and keeps the rest", () => {
    const overrides: MessageOverrides = { en: { section: { heading: "Sign-in methods" } } };
    const { messages } = localize("en", overrides);
    expect(messages.section.heading).toBe("Sign-in methods");
    expect(messages.section.intro).toBe(SHIPPED_MESSAGES.en.section.intro);
    expect(messages.link.cancelled(FULL)).toBe(SHIPPED_MESSAGES.en.link.cancelled(FULL));
    // The shipped catalog itself is untouched.
    expect(SHIPPED_MESSAGES.en.section.heading).toBe("Linked accounts");
  });

  it("lays the component's messages over the setup's, and both over the catalog", () => {
    const setup: MessageOverrides = { de: { section: { heading: "Anmeldungen", loading: "Lädt …" } } };
    const page: MessageOverrides = { de: { section: { heading: "Ihre Anmeldungen" }, link: { cancelled: () => "Abgebrochen." } } };
    const { messages } = localize("de", setup, page);
    expect([messages.section.heading, messages.section.loading, messages.section.intro]).toEqual(["Ihre Anmeldungen", "Lädt …", SHIPPED_MESSAGES.de.section.intro]);
    expect(messages.link.cancelled(FULL)).toBe("Abgebrochen.");
    expect(messages.link.same_account(FULL)).toBe(SHIPPED_MESSAGES.de.link.same_account(FULL));
  });

  it("starts a regional locale from its language's catalog, and a new language from English", () => {
    const overrides: MessageOverrides = { "de-CH": { section: { heading: "Verknüpfte Konten (Schweiz)" } }, nl: { section: { heading: "Gekoppelde accounts" } } };
    const swiss = localize("de-CH", overrides);
    expect([swiss.locale, swiss.messages.section.heading, swiss.messages.identities.unlink]).toEqual(["de-CH", "Verknüpfte Konten (Schweiz)", "Trennen"]);
    const dutch = localize("nl", overrides);
    expect([dutch.locale, dutch.messages.section.heading, dutch.messages.identities.unlink]).toEqual(["nl", "Gekoppelde accounts", "Unlink"]);
    // German itself is not changed by the Swiss entries.
    expect(localize("de", overrides).messages.section.heading).toBe("Verknüpfte Konten");
  });

  it("builds a catalog once for the same option objects", () => {
    const overrides: MessageOverrides = { fr: { section: { heading: "Connexions" } } };
    expect(localize("fr", overrides).messages).toBe(localize("fr", overrides).messages);
    expect(localize("de").messages).toBe(SHIPPED_MESSAGES.de);
  });

  it("shows a locale nobody offers in English", () => {
    expect(localize("ja").locale).toBe("en");
    expect(localize("not a locale").messages).toBe(SHIPPED_MESSAGES.en);
  });
});

describe("the catalog type", () => {
  it("makes a catalog that misses a key a compile error (npm run typecheck checks this file)", () => {
    const { link, ...rest } = SHIPPED_MESSAGES.en;
    const { cancelled: _cancelled, ...linkWithoutCancelled } = link;
    // @ts-expect-error link.cancelled is missing: every outcome code needs its sentence.
    const incomplete: Messages = { ...rest, link: linkWithoutCancelled };
    expect(incomplete.link).not.toHaveProperty("cancelled");
  });
});
