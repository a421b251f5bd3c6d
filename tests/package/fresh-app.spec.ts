/**
 * A team's fresh app with the package installed (tests/package/fresh-app.sh):
 * the Settings page the guide adds, with the local tenant from the bin.
 */
import { expect, test } from "@playwright/test";
import { OWNER, OWNER_GITHUB, chooseAccount } from "../e2e/helpers";

test("owner@example.com signs in, links GitHub on Settings and unlinks it again", async ({ page }) => {
  await page.goto("/settings");
  await chooseAccount(page, OWNER);
  await expect(page).toHaveURL(/\/settings$/);
  const list = page.getByRole("list").filter({ hasText: "Primary" });
  await expect(list.getByRole("listitem")).toHaveCount(1);

  await page.getByRole("button", { name: "Link GitHub", exact: true }).click();
  await chooseAccount(page, OWNER_GITHUB);
  await expect(page).toHaveURL(/\/settings\?link=linked/);
  await expect(page.getByRole("status")).toHaveText("Linked your GitHub account owner.github@example.com. You can now sign in with it.");
  await expect(list.getByRole("listitem")).toHaveCount(2);

  const unlink = "Unlink GitHub owner.github@example.com";
  await list.getByRole("button", { name: unlink, exact: true }).click();
  await page.getByRole("region", { name: `${unlink}?` }).getByRole("button", { name: unlink, exact: true }).click();
  await expect(page).toHaveURL(/\/settings\?unlink=/);
  await expect(page.getByRole("status")).toHaveText("Unlinked your GitHub account. You can no longer sign in with it.");
  await expect(list.getByRole("listitem")).toHaveCount(1);
});

test("owner@example.com signs in with GitHub, is told they already have an account, and links it into that account", async ({ page }) => {
  await page.goto("/settings");
  await chooseAccount(page, { email: "owner@example.com", connection: "github" });
  await expect(page).toHaveURL(/\/link-accounts$/);
  await expect(page.getByRole("heading", { name: "You already have an account" })).toBeVisible();
  await expect(page.getByRole("list", { name: "The existing account" })).toHaveText("Email and password, owner@example.com");

  await page.getByRole("button", { name: "Link accounts", exact: true }).click();
  await chooseAccount(page, OWNER);
  await expect(page).toHaveURL(/\/settings\?link=linked/);
  await expect(page.getByRole("status")).toHaveText("Linked your GitHub account owner@example.com. You can now sign in with it.");
  const list = page.getByRole("list").filter({ hasText: "Primary" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("owner@example.com");
});
