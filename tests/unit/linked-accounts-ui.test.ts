/**
 * <LinkedAccounts> as a team embeds it (through `auth0-account-linking/ui`),
 * rendered as the server renders it: their paths and classes, the failed
 * read, and nothing from the query string but known codes.
 */
import { createElement, Suspense, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ManagementResult, ManagementUser } from "auth0-account-linking";
import { LINKED_ACCOUNTS_PARTS, LinkedAccounts, linkedAccountsPage, type LinkedAccountsPageProps, type LinkedAccountsProps } from "auth0-account-linking/ui";

// The page asks Next for request-time rendering (`connection()`), which needs a request scope that a
// unit test has not; the built app proves that part (tests/package: `next build` with cacheComponents).
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

function render(props: Partial<LinkedAccountsProps>): string {
  return renderToStaticMarkup(createElement(LinkedAccounts, { result: read, searchParams: {}, connections: ["github", "google-oauth2"], ...props }));
}

describe("the Linked accounts UI", () => {
  it("lists the primary sign-in and a linked account, and offers a Link button per connection", () => {
    const html = render({});
    expect(html).toContain("Linked accounts");
    expect(html).toContain('<span class="la-badge">Primary</span>');
    expect(html).toContain("owner.github@example.com");
    expect(html).toContain("Link GitHub</button>");
    expect(html).toContain("Link Google</button>");
  });

  it("posts to the app's own paths", () => {
    const html = render({ paths: { settings: "/account", start: "/api/link/start", unlink: "/api/link/unlink" }, searchParams: { confirm: "github|1000001" } });
    expect(html).toContain('action="/api/link/start"');
    expect(html).toContain('action="/api/link/unlink"');
    expect(html).toContain('href="/account"');
    expect(html).not.toContain('"/link/start"');
  });

  it("adds the app's classes after each part's la-* class", () => {
    const html = render({ classNames: { root: "card", button: "btn", badge: "pill" } });
    expect(html).toContain('class="la-linked-accounts card"');
    expect(html).toContain('class="la-badge pill"');
    expect(html).toContain('class="la-button la-button--secondary btn"');
    expect(Object.values(LINKED_ACCOUNTS_PARTS).every((name) => name.startsWith("la-"))).toBe(true);
  });

  it("says the accounts could not be loaded when Auth0 is unavailable, with no list or buttons", () => {
    const html = render({ result: { ok: false, error: { code: "tenant_unavailable", upstreamMessage: "internal detail" } } });
    expect(html).toContain('role="alert"');
    expect(html).toContain("The sign-in service is not answering right now.");
    expect(html).not.toContain("internal detail");
    expect(html).not.toContain("<ul");
  });

  it("shows an outcome only for a known code, never the query string's text", () => {
    expect(render({ searchParams: { link: "rate_limited", retry: "7" } })).toContain("Please try again in 7 seconds.");
    expect(render({ searchParams: { link: "<b>hacked</b>", identity: "evil|<script>" } })).not.toMatch(/hacked|script|evil/);
  });
});

describe("the ready-made Linked accounts page", () => {
  const data = { result: read, connections: ["github"], unlinkNeedsFreshSignIn: false, linkNeedsFreshSignIn: false, suggestions: [] };

  it("renders the signed-in person's list with the page's query and the app's classes", async () => {
    const page = linkedAccountsPage({ loadLinkedAccounts: async () => data }, { classNames: { root: "card" }, stream: false });
    const html = renderToStaticMarkup(await page({ searchParams: Promise.resolve({ link: "linked", identity: "github|1000001" }) }));
    expect(html).toContain('class="la-linked-accounts card"');
    expect(html).toContain("owner.github@example.com");
    expect(html).toContain('role="status"');
    expect(html).toContain("Link GitHub</button>");
  });

  it.each([
    ["the SDK's login, returning to /settings", {}, "/auth/login?returnTo=%2Fsettings"],
    ["the app's login, returning to its own page", { loginPath: "/login", paths: { settings: "/account" } }, "/login?returnTo=%2Faccount"],
  ])("sends a signed-out visitor to %s", async (_case, options, location) => {
    const page = linkedAccountsPage({ loadLinkedAccounts: async () => null }, { ...options, stream: false });
    // next/navigation's redirect() throws its NEXT_REDIRECT error, which Next.js turns into the redirect.
    await expect(Promise.resolve(page({ searchParams: Promise.resolve({}) }))).rejects.toMatchObject({ digest: expect.stringContaining(`;${location};`) });
  });

  it("shows the section's heading and a loading line while the list streams in (the default, which cacheComponents needs)", async () => {
    const page = linkedAccountsPage({ loadLinkedAccounts: async () => data }, { classNames: { root: "card" } });
    const element = page({ searchParams: Promise.resolve({}) }) as ReactElement<{ fallback: ReactElement; children: ReactElement<LinkedAccountsPageProps> }>;
    expect(element.type).toBe(Suspense);
    const placeholder = renderToStaticMarkup(element.props.fallback);
    expect(placeholder).toContain('<section class="la-linked-accounts card" aria-labelledby="linked-accounts" aria-busy="true"><h2 id="linked-accounts">Linked accounts</h2>');
    expect(placeholder).toContain('<p role="status" class="la-muted">Loading your sign-in methods…</p>');
    // Inside the boundary: the same section as without streaming.
    const section = element.props.children;
    const rendering = (section.type as (props: LinkedAccountsPageProps) => Promise<ReactElement>)(section.props);
    expect(renderToStaticMarkup(await rendering)).toContain("Link GitHub</button>");
  });
});
