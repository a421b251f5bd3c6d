/**
 * Choosing the page's locale: an explicit one wins, else the request's
 * Accept-Language as the browser ranks it, else English. The header is the
 * client's own text: nothing malformed counts, and only an available locale
 * is ever returned.
 */
import { acceptedLanguages, chooseLocale, negotiateLocale } from "@/lib/i18n";

const SHIPPED = ["en", "de", "fr", "es"];

describe("Accept-Language", () => {
  it.each([
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["de-AT", "de"],
    ["fr-CA,fr;q=0.9", "fr"],
    ["es-419,es;q=0.9", "es"],
    ["en-GB,en;q=0.9", "en"],
    ["EN-us", "en"],
    ["ja,zh-CN;q=0.8", "en"],
    ["ja, de;q=0.5", "de"],
    [undefined, "en"],
    ["", "en"],
  ] as const)("%j gets %s", (header, locale) => {
    expect(negotiateLocale(header, SHIPPED, "en")).toBe(locale);
  });

  it("follows the q-values, not the order, and keeps the order for equal ones", () => {
    expect(negotiateLocale("en;q=0.5, de;q=0.8", SHIPPED, "en")).toBe("de");
    expect(negotiateLocale("fr, es", SHIPPED, "en")).toBe("fr");
    expect(acceptedLanguages("a;q=0.2, b, c;q=0.9, d")).toEqual(["b", "d", "c", "a"]);
  });

  it("never serves a language the browser refused with q=0", () => {
    expect(negotiateLocale("de;q=0, fr;q=0.1", SHIPPED, "en")).toBe("fr");
    expect(negotiateLocale("de;q=0", SHIPPED, "en")).toBe("en");
  });

  it("takes * as any language: the fallback", () => {
    expect(negotiateLocale("*", SHIPPED, "en")).toBe("en");
    expect(negotiateLocale("ja, *;q=0.1, de;q=0.05", SHIPPED, "en")).toBe("en");
  });

  it.each([
    ["<script>alert(1)</script>"],
    ["de;q=abc"],
    ["de;q=2"],
    ["de;foo=bar"],
    ["ü-DE"],
    ["de-DEUTSCHLAND"],
    ["1234"],
  ])("ignores the malformed %j", (header) => {
    expect(negotiateLocale(header, SHIPPED, "en")).toBe("en");
  });

  it("reads only the first 1024 characters and 32 ranges of a header", () => {
    expect(negotiateLocale(`${"x".repeat(1024)},de`, SHIPPED, "en")).toBe("en");
    expect(negotiateLocale(`${Array.from({ length: 32 }, () => "ja").join(",")},de`, SHIPPED, "en")).toBe("en");
    expect(negotiateLocale(`${Array.from({ length: 31 }, () => "ja").join(",")},de`, SHIPPED, "en")).toBe("de");
  });

  it("returns an available locale as the app spells it, never the header's tag", () => {
    expect(negotiateLocale("de-CH", ["en", "de"], "en")).toBe("de");
    expect(negotiateLocale("pt-br", ["en", "pt-BR", "pt-PT"], "en")).toBe("pt-BR");
  });

  it("matches scripts and regions: zh-TW reads Traditional, pt-PT gets Portugal's Portuguese", () => {
    expect(negotiateLocale("zh-TW", ["en", "zh-Hant", "zh"], "en")).toBe("zh-Hant");
    expect(negotiateLocale("zh-TW", ["en", "zh"], "en")).toBe("en");
    expect(negotiateLocale("pt-PT", ["en", "pt-BR", "pt-PT"], "en")).toBe("pt-PT");
    expect(negotiateLocale("pt-AO", ["en", "pt", "pt-BR"], "en")).toBe("pt");
  });
});

describe("choosing the locale", () => {
  it("takes an explicit locale over the request's", () => {
    expect(chooseLocale({ locale: "fr", acceptLanguage: "de-DE,de;q=0.9" })).toBe("fr");
    expect(chooseLocale({ locale: "es-MX", acceptLanguage: "de" })).toBe("es");
  });

  it("shows an explicit locale nobody offers in English, not in the request's language", () => {
    expect(chooseLocale({ locale: "ja", acceptLanguage: "de" })).toBe("en");
  });

  it("negotiates the locales the app's messages add", () => {
    const messages = [{ nl: { section: { heading: "Gekoppelde accounts" } } }];
    expect(chooseLocale({ acceptLanguage: "nl-BE,nl;q=0.9", messages })).toBe("nl");
    expect(chooseLocale({ acceptLanguage: "nl-BE,nl;q=0.9" })).toBe("en");
  });

  it("is English when nothing is asked", () => {
    expect(chooseLocale()).toBe("en");
  });
});
