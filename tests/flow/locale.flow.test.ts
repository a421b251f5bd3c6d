/**
 * Settings in the person's language, end to end: the real routes link and
 * unlink behind msw's local tenant, then Settings is rendered as the page
 * renders it, with the browser's Accept-Language (as `headers()` gives it to
 * `loadLinkedAccounts`). The section's `lang` says which language it speaks.
 */
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { linkingAuth0Options, setupAccountLinking } from "auth0-account-linking";
import { LOCAL_APP_CLIENT } from "auth0-account-linking/local-tenant";
import { ACCOUNTS, APP, Person, useLocalTenant } from "../support/app";
import { appRequest } from "../support/browser";
import { cancelAtTenant, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { renderSettings } from "../support/settings-page";

useLocalTenant();
const running = useApp();
captureLogs();

const GERMAN_BROWSER = "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7";

async function signedInOwner(): Promise<Person> {
  const person = running.person();
  await person.signIn();
  return person;
}

describe("Settings in the language the browser asks for", () => {
  it("shows a German browser GitHub linked, in German, in a section marked lang=\"de\"", async () => {
    const person = await signedInOwner();
    const linked = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    const shown = await renderSettings(running.services(), person, linked, GERMAN_BROWSER);

    expect(shown.lang).toBe("de");
    expect(shown.status).toBe("Verknüpft: GitHub (owner.github@example.com). Sie können sich ab sofort damit anmelden.");
    expect(shown.alert).toBeNull();
    expect(shown.html).toContain('<h2 id="linked-accounts">Verknüpfte Konten</h2>');
    expect(shown.html).toContain('<h3 id="link-another">Weiteres Konto verknüpfen</h3>');
    expect(shown.html).toContain("GitHub verknüpfen</button>");
    expect(shown.html).toContain('aria-label="Trennen: GitHub (owner.github@example.com)">Trennen</button>');
    // The primary's connection is described, so it is translated; GitHub is a name, so it is not.
    expect(shown.html).toContain("<strong>E-Mail und Passwort</strong>");
    expect(shown.html).toContain('<span class="la-badge">Hauptanmeldung</span>');
  });

  it("tells a German browser in German why nothing was linked after a cancelled sign-in", async () => {
    const person = await signedInOwner();
    const start = await person.startLink("github");
    const cancelled = redirectOf(await person.openCallback(await cancelAtTenant(start.headers.get("location") ?? "", person.tenant)));

    const shown = await renderSettings(running.services(), person, cancelled, GERMAN_BROWSER);

    expect(cancelled.params).toEqual({ link: "cancelled" });
    expect([shown.lang, shown.status]).toEqual(["de", ""]);
    expect(shown.alert).toBe(
      "Sie haben die Anmeldung abgebrochen, deshalb wurde nichts verknüpft. Wenn Sie das Konto doch verknüpfen möchten, wählen Sie die Schaltfläche erneut.",
    );
  });

  it("announces an unlink to a French browser in French", async () => {
    const person = await signedInOwner();
    await person.link("github", ACCOUNTS.ownerGithub);
    const unlinked = redirectOf(await person.unlink("github|1000001"));

    const shown = await renderSettings(running.services(), person, unlinked, "fr-FR,fr;q=0.9");

    expect(shown.lang).toBe("fr");
    expect(shown.status).toBe("Connexion dissociée\u00a0: GitHub. Vous ne pouvez plus l\u2019utiliser pour vous connecter.");
    expect(shown.html).toContain('<h2 id="linked-accounts">Comptes associés</h2>');
  });

  it.each([
    ["a language the app does not offer", "ja-JP,ja;q=0.9"],
    ["a malformed header", "<b>de</b>;q=x"],
    ["no header", undefined],
  ])("shows English for %s", async (_case, header) => {
    const person = await signedInOwner();
    const linked = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    const shown = await renderSettings(running.services(), person, linked, header);

    expect(shown.lang).toBe("en");
    expect(shown.status).toBe("Linked your GitHub account owner.github@example.com. You can now sign in with it.");
    expect(shown.html).toContain('<h2 id="linked-accounts">Linked accounts</h2>');
  });
});

describe("what the routes answer themselves", () => {
  it("refuses a link posted from another site in the browser's language, and says which", async () => {
    const person = await signedInOwner();
    const forged = (acceptLanguage: string) =>
      running.app().linkStart(
        appRequest(`${APP}/link/start`, person.app, {
          method: "POST",
          headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded", "accept-language": acceptLanguage },
          body: "connection=github",
        }),
      );

    const german = await forged(GERMAN_BROWSER);
    expect([german.status, german.headers.get("content-language"), await german.text()]).toEqual([
      403,
      "de",
      "Diese Anfrage kam nicht von den Seiten dieser Website, deshalb wurde nichts geändert.",
    ]);
    const english = await forged("ja");
    expect([english.headers.get("content-language"), await english.text()]).toEqual(["en", "This request did not come from this site's own pages, so nothing was changed."]);
  });
});

describe("an app that sets the language itself", () => {
  const env = {
    AUTH0_DOMAIN: "http://localhost:4010",
    AUTH0_CLIENT_ID: LOCAL_APP_CLIENT.clientId,
    AUTH0_CLIENT_SECRET: LOCAL_APP_CLIENT.clientSecret,
    AUTH0_SECRET: "a-locale-test-secret-of-at-least-32-characters",
    APP_BASE_URL: APP,
  };

  /** The guide's composition, with `locale` and `messages` passed to `setupAccountLinking`. */
  function appWith(options: Pick<Parameters<typeof setupAccountLinking>[0], "locale" | "messages">) {
    const auth0 = new Auth0Client({ ...linkingAuth0Options(env), domain: env.AUTH0_DOMAIN, clientId: env.AUTH0_CLIENT_ID, clientSecret: env.AUTH0_CLIENT_SECRET, secret: env.AUTH0_SECRET, appBaseUrl: APP });
    const accountLinking = setupAccountLinking({ auth0, env, ...options });
    const person = new Person({ proxy: accountLinking.proxy, linkStart: accountLinking.start, linkCallback: accountLinking.callback, unlink: accountLinking.unlink });
    return { accountLinking, person };
  }

  it("speaks its `locale` whatever the browser asks for, and says so to the app's own layout", async () => {
    const { accountLinking, person } = appWith({ locale: "es" });
    await person.signIn();
    const linked = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    const shown = await renderSettings(accountLinking.services(), person, linked, GERMAN_BROWSER);

    expect(shown.lang).toBe("es");
    expect(shown.status).toBe("Vinculado: GitHub (owner.github@example.com). Ya puedes iniciar sesión con él.");
    expect(accountLinking.chooseLocale(GERMAN_BROWSER)).toBe("es");
    const forged = await accountLinking.unlink(
      appRequest(`${APP}/link/unlink`, person.app, { method: "POST", headers: { origin: "https://evil.example", "accept-language": GERMAN_BROWSER }, body: "identity=github%7C1000001" }),
    );
    expect([forged.status, await forged.text()]).toEqual([403, "Esta solicitud no procede de las páginas de este sitio, así que no se ha cambiado nada."]);
  });

  it("shows its own messages over the catalog's, and adds its own language", async () => {
    const { accountLinking, person } = appWith({
      messages: {
        de: { section: { heading: "Ihre Anmeldungen" } },
        nl: { section: { heading: "Gekoppelde accounts" }, link: { linked: (p) => `${p.connection ?? "Het account"} is gekoppeld.` } },
      },
    });
    await person.signIn();
    const linked = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

    const german = await renderSettings(accountLinking.services(), person, linked, GERMAN_BROWSER);
    expect(german.html).toContain('<h2 id="linked-accounts">Ihre Anmeldungen</h2>');
    expect(german.html).toContain('<h3 id="link-another">Weiteres Konto verknüpfen</h3>');

    const dutch = await renderSettings(accountLinking.services(), person, linked, "nl-BE,nl;q=0.9");
    expect([dutch.lang, dutch.status]).toEqual(["nl", "GitHub is gekoppeld."]);
    // What the app did not translate comes from English.
    expect(dutch.html).toContain('<h3 id="link-another">Link another account</h3>');
    expect(accountLinking.chooseLocale("nl-BE")).toBe("nl");
  });
});
