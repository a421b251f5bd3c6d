/**
 * The unlink confirmation on Settings, rendered as the server renders it: it
 * warns about the fresh sign-in only when the current one is too old, and
 * names the sign-ins that remain.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { localize } from "@/lib/i18n";
import { uiContext } from "@/lib/ui/class-names";
import { LinkedAccounts } from "@/lib/ui/linked-accounts";
import { UnlinkConfirmation } from "@/lib/ui/unlink-confirmation";
import { linkedIdentities, type LinkedIdentity } from "@/lib/ui/linked-identity";

const github: LinkedIdentity = {
  id: "github|1000001",
  identity: { connection: "github", provider: "github", user_id: 1000001, isSocial: true },
  connectionName: "GitHub",
  account: "owner.github@example.com",
  primary: false,
};

const WARNING = "You’ll be asked to sign in again first";

describe("the unlink confirmation", () => {
  it("says a new sign-in comes first when the current one is too old", () => {
    const html = renderToStaticMarkup(createElement(UnlinkConfirmation, { entry: github, signInAgainFirst: true }));
    expect(html).toContain(WARNING);
    expect(html).toContain('<input type="hidden" name="identity" value="github|1000001"/>');
  });

  it("says nothing about signing in when the current sign-in is recent", () => {
    expect(renderToStaticMarkup(createElement(UnlinkConfirmation, { entry: github }))).not.toContain(WARNING);
    expect(renderToStaticMarkup(createElement(UnlinkConfirmation, { entry: github, signInAgainFirst: false }))).not.toContain(WARNING);
  });
});

describe("the sign-ins that remain", () => {
  const primary: LinkedIdentity = {
    id: "auth0|65a000000000000000000001",
    identity: { connection: "Username-Password-Authentication", provider: "auth0", user_id: "65a000000000000000000001", isSocial: false },
    connectionName: "Email and password",
    account: "owner@example.com",
    primary: true,
  };
  const google: LinkedIdentity = {
    id: "google-oauth2|100000000000000000001",
    identity: { connection: "google-oauth2", provider: "google-oauth2", user_id: "100000000000000000001", isSocial: true },
    connectionName: "Google",
    account: "owner.google@example.com",
    primary: false,
  };
  const render = (remaining: readonly LinkedIdentity[], locale?: string): string =>
    renderToStaticMarkup(createElement(UnlinkConfirmation, { entry: github, remaining, ...(locale ? { ui: uiContext({}, {}, localize(locale)) } : {}) }));

  it.each([
    [[primary], "You will still sign in with Email and password (owner@example.com)."],
    [[primary, google], "You will still sign in with Email and password (owner@example.com) and Google (owner.google@example.com)."],
    [[primary, google, { ...google, id: "github|2", connectionName: "GitHub", account: "second@example.com" }], "You will still sign in with Email and password (owner@example.com), Google (owner.google@example.com), and GitHub (second@example.com)."],
  ])("says which sign-ins stay, joined as English joins a list (%#)", (remaining, sentence) => {
    expect(render(remaining)).toContain(`<p>${sentence}</p>`);
  });

  it("joins them as German does, in German", () => {
    const german = linkedIdentities(
      {
        user_id: primary.id,
        email: "owner@example.com",
        identities: [primary.identity, { ...google.identity, profileData: { email: "owner.google@example.com" } }],
      },
      localize("de"),
    );
    expect(render(german, "de")).toContain("<p>Anmelden können Sie sich weiterhin mit E-Mail und Passwort (owner@example.com) und Google (owner.google@example.com).</p>");
  });

  it("lists every other sign-in of the user on Settings, and not the one being unlinked", () => {
    const html = renderToStaticMarkup(
      createElement(LinkedAccounts, {
        result: {
          ok: true,
          value: {
            user_id: primary.id,
            email: "owner@example.com",
            identities: [primary.identity, { ...github.identity, profileData: { email: "owner.github@example.com" } }, { ...google.identity, profileData: { email: "owner.google@example.com" } }],
          },
        },
        searchParams: { confirm: "github|1000001" },
        connections: ["github"],
      }),
    );
    expect(html).toContain("<p>You will still sign in with Email and password (owner@example.com) and Google (owner.google@example.com).</p>");
  });
});
