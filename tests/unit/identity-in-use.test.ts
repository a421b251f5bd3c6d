/**
 * The panel for a sign-in that belongs to another account of the app
 * (`?link=identity_in_use`), rendered as the server renders it: which sign-in,
 * the steps, and a button only where the app can start the first step.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ManagementResult, ManagementUser } from "auth0-account-linking";
import { LinkedAccounts, type LinkedAccountsProps } from "auth0-account-linking/ui";

const owner: ManagementUser = {
  user_id: "auth0|65a000000000000000000001",
  email: "owner@example.com",
  identities: [{ connection: "Username-Password-Authentication", provider: "auth0", user_id: "65a000000000000000000001", isSocial: false }],
};
const read: ManagementResult<ManagementUser> = { ok: true, value: owner };

function render(identity: string | undefined, props: Partial<LinkedAccountsProps> = {}): string {
  const searchParams = { link: "identity_in_use", ...(identity === undefined ? {} : { identity }) };
  return renderToStaticMarkup(createElement(LinkedAccounts, { result: read, searchParams, connections: ["github", "Username-Password-Authentication"], ...props }));
}

/** The panel's GET form: where it goes and what it sends. */
function button(html: string): { action: string; fields: Record<string, string> } | null {
  const panel = /<section id="identity-in-use"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  const form = /<form [^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(panel);
  if (!form?.[1] || form[2] === undefined) return null;
  return { action: form[1], fields: Object.fromEntries([...form[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map(([, name, value]) => [name, value])) };
}

describe("the panel for a sign-in that belongs to another account", () => {
  it("names the sign-in, lists the three steps, and starts the first with a fresh sign-in with that connection", () => {
    const html = render("github|1000002");
    expect(html).toContain("Move your GitHub sign-in to this account</h3>");
    expect(html.match(/<li>/g)).toHaveLength(3);
    expect(button(html)).toEqual({ action: "/auth/login", fields: { connection: "github", prompt: "login", returnTo: "/settings" } });
  });

  it("signs in through the app's own login route and comes back to its own page", () => {
    expect(button(render("github|1000002", { paths: { login: "/api/auth/login", settings: "/account" } }))).toEqual({
      action: "/api/auth/login",
      fields: { connection: "github", prompt: "login", returnTo: "/account" },
    });
  });

  it("finds the database connection for an auth0 identity", () => {
    const html = render("auth0|65a000000000000000000009");
    expect(button(html)?.fields["connection"]).toBe("Username-Password-Authentication");
    expect(html).toContain("Sign in with Email and password</button>");
  });

  it("names a sign-in it cannot start, without a button: only offered connections are posted", () => {
    const html = render("google-oauth2|100000000000000000009");
    expect(html).toContain("Move your Google sign-in to this account</h3>");
    expect(button(html)).toBeNull();
  });

  it("speaks in general terms, with no button, when the URL names no identity or one the page cannot name", () => {
    for (const identity of [undefined, "evil|<script>alert(1)</script>", "nonsense"]) {
      const html = render(identity);
      expect(html).toContain("Move that sign-in to this account</h3>");
      expect(html).toContain("Sign in with that sign-in. That opens the other account.");
      expect(button(html)).toBeNull();
      expect(html).not.toMatch(/evil|script|nonsense/);
    }
  });

  it("appears only for identity_in_use", () => {
    for (const link of ["cancelled", "linked", "identity_in_use_x"]) {
      const html = renderToStaticMarkup(createElement(LinkedAccounts, { result: read, searchParams: { link, identity: "github|1000002" }, connections: ["github"] }));
      expect(html).not.toContain("identity-in-use");
    }
  });

  it("speaks Spanish to a Spanish browser", () => {
    const html = render("github|1000002", { localeChoice: { acceptLanguage: "es-ES" } });
    expect(html).toContain("Trae tu inicio de sesión con GitHub a esta cuenta</h3>");
    expect(html).toContain("Iniciar sesión con GitHub</button>");
  });
});
