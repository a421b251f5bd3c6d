/**
 * Suggested accounts in a real browser: `npm run dev` configures the local
 * tenant's machine-to-machine client, so Settings suggests owner@example.com's
 * other sign-in with the same verified email (GitHub, `github|1000003`) and
 * never the unverified one (Google). Each test leaves the owner as it found them.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { OWNER, OWNER_GITHUB, alertRegion, chooseAccount, identityList, signInToSettings, statusRegion, unlinkEverySecondary } from "./helpers";

const SAME_EMAIL_GITHUB = { email: "owner@example.com", connection: "github" };

function suggestions(page: Page): Locator {
  return page.getByRole("region", { name: "Suggested accounts" });
}

function linkSuggestion(page: Page): Locator {
  return suggestions(page).getByRole("button", { name: "Link this account: GitHub owner@example.com", exact: true });
}

test("owner@example.com is offered their GitHub sign-in with the same email, links it by signing in as it, and is not offered it again", async ({ page }) => {
  await signInToSettings(page, (p) => chooseAccount(p, OWNER));
  await expect(suggestions(page)).toContainText("You also have a GitHub sign-in as owner@example.com");
  // The Google account with the same email has not verified it: never suggested.
  await expect(suggestions(page)).not.toContainText("Google");

  try {
    await linkSuggestion(page).click();
    await chooseAccount(page, SAME_EMAIL_GITHUB);

    await expect(page).toHaveURL(/\/settings\?link=linked/);
    await expect(statusRegion(page)).toContainText("Linked your GitHub account owner@example.com");
    await expect(identityList(page).getByRole("listitem")).toHaveCount(2);
    await expect(suggestions(page)).toHaveCount(0);
  } finally {
    await unlinkEverySecondary(page);
  }
});

test("signing in as another account than the suggested one links nothing and says why", async ({ page }) => {
  await signInToSettings(page, (p) => chooseAccount(p, OWNER));

  await linkSuggestion(page).click();
  await chooseAccount(page, OWNER_GITHUB);

  await expect(page).toHaveURL(/\/settings\?link=different_account/);
  await expect(alertRegion(page)).toHaveText(
    "You signed in as a different account than the one suggested, so nothing was linked. To link the suggested account, try again and sign in as that account.",
  );
  await expect(identityList(page).getByRole("listitem")).toHaveCount(1);
  await expect(linkSuggestion(page)).toBeVisible();
});
