/**
 * <LinkedAccounts> and the ready-made page in other languages, as a team
 * embeds them (through `auth0-account-linking/ui`): the locale they choose,
 * the `lang` they say it with, and the team's own messages on top.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ManagementResult, ManagementUser, MessageOverrides, SuggestedAccount } from "auth0-account-linking";
import { LinkedAccounts, linkedAccountsPage, type LinkedAccountsPageProps, type LinkedAccountsProps } from "auth0-account-linking/ui";

// As in linked-accounts-ui.test.ts: the page's `connection()` needs a request scope a unit test has not.
jest.mock("next/server", () => ({ ...jest.requireActual<object>("next/server"), connection: async () => undefined }));

const owner: ManagementUser = {
  user_id: "auth0|65a000000000000000000001",
  email: "owner@example.com",
  identities: [
    { connection: "Username-Password-Authentication", provider: "auth0", user_id: "65a000000000000000000001", isSocial: false },
    { connection: "github", provider: "github", user_id: 1000001, isSocial: true, profileData: { email: "owner.github@example.com" } },
  ],
};
const read: ManagementResult<ManagementUser> = { ok: true, value: owner };
const suggestion: SuggestedAccount = { userId: "google-oauth2|1", connection: "google-oauth2", provider: "google-oauth2", providerName: "Google", email: "owner@example.com" };

function render(props: Partial<LinkedAccountsProps>): string {
  return renderToStaticMarkup(createElement(LinkedAccounts, { result: read, searchParams: {}, connections: ["github", "google-oauth2"], ...props }));
}

describe("the Linked accounts UI in the request's language", () => {
  it("speaks German to a German browser, and marks the section lang=\"de\"", () => {
    const html = render({ localeChoice: { acceptLanguage: "de-DE,de;q=0.9" }, suggestions: [suggestion] });
    expect(html).toContain('<section class="la-linked-accounts" lang="de" aria-labelledby="linked-accounts"><h2 id="linked-accounts">Verknüpfte Konten</h2>');
    expect(html).toContain("GitHub verknüpfen</button>");
    expect(html).toContain("Google verknüpfen</button>");
    expect(html).toContain('aria-label="Trennen: GitHub (owner.github@example.com)">Trennen</button>');
    expect(html).toContain('<span class="la-badge">Hauptanmeldung</span>');
    expect(html).toContain("<strong>E-Mail und Passwort</strong>");
    expect(html).toContain('<h3 id="suggested-accounts">Vorgeschlagene Konten</h3>');
    expect(html).toContain("Sie haben auch eine Anmeldung mit Google als owner@example.com");
    expect(html).toContain('aria-label="Dieses Konto verknüpfen: Google (owner@example.com)">Dieses Konto verknüpfen</button>');
    expect(html).not.toMatch(/Linked accounts|Link GitHub|Unlink|Primary/);
  });

  it("is English, marked lang=\"en\", for a browser whose languages the app does not offer", () => {
    const html = render({ localeChoice: { acceptLanguage: "ja,ko;q=0.8" } });
    expect(html).toContain('lang="en"');
    expect(html).toContain('<h2 id="linked-accounts">Linked accounts</h2>');
  });

  it("takes the locale prop over the setup's and the browser's", () => {
    expect(render({ locale: "fr", localeChoice: { locale: "es", acceptLanguage: "de" } })).toContain('lang="fr"');
    expect(render({ localeChoice: { locale: "es", acceptLanguage: "de" } })).toContain('lang="es"');
  });

  it("puts the outcome, the confirmation and the read error in the page's language", () => {
    const spanish = { locale: "es" } as const;
    expect(render({ ...spanish, searchParams: { link: "rate_limited", retry: "1" } })).toContain(
      "Hay demasiados intentos en este momento, así que no se vinculó nada. Vuelve a intentarlo dentro de 1 segundo.",
    );
    const confirming = render({ ...spanish, searchParams: { confirm: "github|1000001" } });
    expect(confirming).toContain("<h3 id=\"unlink-confirmation-heading\">¿Desvincular GitHub (owner.github@example.com)?</h3>");
    expect(confirming).toContain(">Cancelar</a>");
    const failed = render({ ...spanish, result: { ok: false, error: { code: "tenant_unavailable", upstreamMessage: "internal detail" } } });
    expect(failed).toContain("El servicio de inicio de sesión no responde en este momento. Vuelve a intentarlo en unos minutos.");
    expect(failed).not.toContain("internal detail");
  });

  it("lays the component's messages over the setup's", () => {
    const setup: MessageOverrides = { en: { section: { heading: "Sign-in methods", intro: "From the setup." } } };
    const page: MessageOverrides = { en: { section: { heading: "Ways to sign in" } } };
    const html = render({ localeChoice: { messages: [setup] }, messages: page });
    expect(html).toContain('<h2 id="linked-accounts">Ways to sign in</h2>');
    expect(html).toContain("From the setup.");
  });
});

describe("the ready-made page's language", () => {
  const data = { result: read, connections: ["github"], unlinkNeedsFreshSignIn: false, linkNeedsFreshSignIn: false, suggestions: [] };

  it("passes its locale and messages to the section, over the loader's choice", async () => {
    const page = linkedAccountsPage(
      { loadLinkedAccounts: async () => ({ ...data, localeChoice: { acceptLanguage: "de" } }) },
      { locale: "fr", messages: { fr: { section: { heading: "Vos connexions" } } }, stream: false },
    );
    const html = renderToStaticMarkup(await page({ searchParams: Promise.resolve({}) }));
    expect(html).toContain('lang="fr"');
    expect(html).toContain('<h2 id="linked-accounts">Vos connexions</h2>');
    expect(html).toContain("Associer GitHub</button>");
  });

  it("words its loading placeholder in the configured locale, with lang, and in English without one", () => {
    const placeholder = (options: Parameters<typeof linkedAccountsPage>[1], localeOptions?: { locale: string }): string => {
      const page = linkedAccountsPage({ loadLinkedAccounts: async () => data, ...(localeOptions ? { localeOptions } : {}) }, options);
      const element = page({ searchParams: Promise.resolve({}) }) as ReactElement<{ fallback: ReactElement; children: ReactElement<LinkedAccountsPageProps> }>;
      return renderToStaticMarkup(element.props.fallback);
    };
    expect(placeholder({ locale: "de" })).toContain('aria-busy="true" lang="de"><h2 id="linked-accounts">Verknüpfte Konten</h2>');
    expect(placeholder({ locale: "de" })).toContain("Ihre Anmeldungen werden geladen \u2026");
    expect(placeholder({}, { locale: "es" })).toContain('lang="es"><h2 id="linked-accounts">Cuentas vinculadas</h2>');
    // A static shell cannot read Accept-Language: English, and no lang of its own.
    expect(placeholder({})).toContain('aria-busy="true"><h2 id="linked-accounts">Linked accounts</h2>');
  });
});
