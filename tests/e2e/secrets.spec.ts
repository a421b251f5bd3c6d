/**
 * No secret reaches the browser through what it renders or the URLs it
 * visits: no access token or ID token (`eyJ…`), no client secret, and an
 * authorization code only on the one hop it exists for — the tenant's
 * redirect to our callback — never again after it.
 */
import { expect, test, type Page } from "@playwright/test";
import { createAccount, freshEmail, identityList, linkButton, signInToSettings, statusRegion, unlink } from "./helpers";

const CLIENT_SECRET = "local-app-client-secret-not-for-production";
/** A JWT (access or ID token) or a JWE: base64url JSON header `{"…` followed by a dot. */
const TOKEN_SHAPED = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/;
const CALLBACKS = ["/auth/callback", "/link/callback"];

/** Every URL the page requested, redirect hops included, in order. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

function expectNoSecretIn(text: string, where: string): void {
  expect(TOKEN_SHAPED.exec(text)?.[0] ?? null, `a token-shaped value in ${where}`).toBeNull();
  expect(text.includes(CLIENT_SECRET), `the client secret in ${where}`).toBe(false);
}

test("signing in, linking and unlinking put no token, client secret or reusable code in a page or a visited URL", async ({ page }) => {
  const visited = recordRequests(page);
  const pages: [string, string][] = [];
  const github = freshEmail("sam.github");

  await signInToSettings(page, (p) => createAccount(p, freshEmail("sam"), "Sam Secret"));
  pages.push(["Settings after signing in", await page.content()]);

  await linkButton(page, "GitHub").click();
  await createAccount(page, github);
  await expect(page).toHaveURL(/\/settings\?link=linked/);
  await expect(statusRegion(page)).toContainText("Linked your GitHub account");
  pages.push(["Settings after linking", await page.content()]);

  await identityList(page).getByRole("button", { name: `Unlink GitHub ${github}`, exact: true }).click();
  await expect(page.getByRole("region", { name: `Unlink GitHub ${github}?` })).toBeVisible();
  pages.push(["the unlink confirmation", await page.content()]);
  await page.goto("/settings");
  await unlink(page, "GitHub", github);
  pages.push(["Settings after unlinking", await page.content()]);

  for (const [where, html] of pages) expectNoSecretIn(html, where);
  for (const url of visited) expectNoSecretIn(decodeURIComponent(url.replace(/%(?![0-9A-Fa-f]{2})/g, "%25")), url);

  // Authorization codes: only on the tenant's redirect to one of our two callbacks, each code on one URL only.
  const withCode = visited.map((url) => new URL(url)).filter((url) => url.searchParams.has("code"));
  expect(withCode.map((url) => url.pathname).sort()).toEqual(["/auth/callback", "/link/callback"]);
  for (const url of withCode) {
    expect(CALLBACKS).toContain(url.pathname);
    const code = url.searchParams.get("code") ?? "";
    expect(code).not.toBe("");
    expect(visited.filter((other) => other.includes(code))).toHaveLength(1);
  }
  // Nor does the address bar keep one at the end.
  expect(new URL(page.url()).searchParams.has("code")).toBe(false);
});
