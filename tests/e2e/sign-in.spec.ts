import { expect, test } from "@playwright/test";

/** The tenant's account chooser button for an account: its name holds the email and the connection. */
function accountButton(email: string, connection: string): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^(?=.*${escape(email)})(?=.*${escape(connection)})`);
}

test("a signed-out visitor to Settings signs in as owner@example.com and lands back on Settings", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/authorize\?/);
  await page.getByRole("button", { name: accountButton("owner@example.com", "Username-Password-Authentication") }).click();

  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Linked accounts" })).toBeVisible();
  const identities = page.getByRole("list").filter({ hasText: "Primary" });
  await expect(identities.getByRole("listitem")).toHaveCount(1);
  await expect(identities.getByRole("listitem").first()).toContainText("Email and password");
  await expect(identities.getByRole("listitem").first()).toContainText("owner@example.com");

  // No token of any kind is in the page the browser receives.
  expect(await page.content()).not.toMatch(/eyJ[\w-]+\.eyJ/);

  await page.goto("/");
  await expect(page.getByText("Signed in as")).toContainText("Olivia Owner");
});

test("the SDK's access-token endpoint is off, so the browser cannot fetch the Management API token", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("button", { name: accountButton("owner@example.com", "Username-Password-Authentication") }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const response = await page.request.get("/auth/access-token");
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toMatch(/eyJ/);
});

test("signing out ends the session and Settings asks to sign in again", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("button", { name: accountButton("owner@example.com", "Username-Password-Authentication") }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("link", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await page.goto("/settings");
  // The tenant's single sign-on session ended too: its login page shows again.
  await expect(page).toHaveURL(/\/authorize\?/);
  await expect(page.getByRole("button", { name: accountButton("owner@example.com", "Username-Password-Authentication") })).toBeVisible();
});
