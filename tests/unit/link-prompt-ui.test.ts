/**
 * <LinkPrompt>, the link at sign-in's page, as a team embeds it (through
 * `auth0-account-linking/ui`), rendered as the server renders it: what was
 * found, the two buttons as plain forms, the outcome of the last attempt from
 * a closed code only, and every shipped language.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { LinkPromptData } from "auth0-account-linking";
import { LinkPrompt, linkPromptPage, type LinkPromptProps } from "auth0-account-linking/ui";

// The page asks Next for request-time rendering (`connection()`), which needs a request scope that a unit test has not.
jest.mock("next/server", () => ({ ...jest.requireActual<object>("next/server"), connection: async () => undefined }));

const found: LinkPromptData = {
  prompt: {
    signedInWith: { connection: "github", provider: "github", email: "owner@example.com" },
    existing: { connection: "Username-Password-Authentication", provider: "auth0", email: "owner@example.com" },
    returnTo: "/settings",
  },
  action: "/link/prompt",
  localeChoice: { acceptLanguage: "en-US" },
};

function render(props: Partial<LinkPromptProps> = {}): string {
  return renderToStaticMarkup(createElement(LinkPrompt, { ...found, ...props }));
}

describe("the link at sign-in's page", () => {
  it("says which sign-in the existing account uses, and offers Link accounts and Keep separate as plain forms", () => {
    const html = render();
    expect(html).toContain("<h1 id=\"link-prompt-heading\">You already have an account</h1>");
    expect(html).toContain("You signed in with GitHub. An account with the same email address already exists:");
    expect(html).toContain("Email and password, owner@example.com");
    expect(html).toMatch(/<form action="\/link\/prompt" method="post"><input type="hidden" name="intent" value="link"\/><button type="submit" class="la-button">Link accounts<\/button><\/form>/);
    expect(html).toMatch(/<input type="hidden" name="intent" value="keep"\/><button type="submit" class="la-button la-button--secondary">Keep separate<\/button>/);
    expect(html).not.toContain("<script");
  });

  it("says how the last attempt ended, from its code only, and offers the buttons again", () => {
    const html = render({ searchParams: { prompt: "different_account" } });
    expect(html).toContain('<div role="alert" class="la-notice">You signed in with a different account, so nothing was linked.');
    expect(html).toContain("Link accounts</button>");
  });

  it("says how long to wait after too many attempts", () => {
    expect(render({ searchParams: { prompt: "rate_limited", retry: "30" } })).toContain("There were too many attempts, so nothing was changed. Please try again in 30 seconds.");
  });

  it("shows nothing of an unknown code or of any other text in the query", () => {
    const html = render({ searchParams: { prompt: "<script>alert(1)</script>", retry: "<b>" } });
    expect(html).not.toContain("role=\"alert\"");
    expect(html).not.toContain("alert(1)");
  });

  it("says there is nothing to link, with a way on, when there is no offer", () => {
    const html = render({ prompt: null, searchParams: { prompt: "expired" } });
    expect(html).toContain("This offer expired or was already used, so nothing was linked.");
    expect(html).toContain("There is nothing to link right now.");
    expect(html).toContain('<a href="/">Continue</a>');
    expect(html).not.toContain("<form");
  });

  it.each([
    ["de", "Sie haben bereits ein Konto", "E-Mail und Passwort, owner@example.com", "Konten verknüpfen"],
    ["fr", "Vous avez déjà un compte", ", owner@example.com", "Associer les comptes"],
    ["es", "Ya tienes una cuenta", ", owner@example.com", "Vincular cuentas"],
  ])("speaks %s when the browser asks for it", (language, heading, existing, button) => {
    const html = render({ localeChoice: { acceptLanguage: language } });
    expect(html).toContain(`lang="${language}"`);
    expect(html).toContain(heading);
    expect(html).toContain(existing);
    expect(html).toContain(`${button}</button>`);
  });

  it("renders in one piece as a page with stream: false, from the setup's loader", async () => {
    const Page = linkPromptPage({ loadLinkPrompt: async () => found }, { stream: false, classNames: { prompt: "card" } });
    const html = renderToStaticMarkup(await (Page({ searchParams: Promise.resolve({}) }) as Promise<React.ReactElement>));
    expect(html).toContain('<section class="la-link-prompt card"');
    expect(html).toContain("Keep separate</button>");
  });
});
