/**
 * The link at sign-in (LINK_PROMPT_AT_SIGN_IN=true in playwright.config.ts) in
 * a real browser: a sign-in whose verified email an older account already has
 * lands on "You already have an account" (/link-accounts), which offers "Link
 * accounts" (sign in once more as the existing account; the new sign-in is
 * linked into it and the person goes on signed in as it) or "Keep separate"
 * (remembered: the next sign-in goes straight on).
 *
 * The tenant keeps its state for the whole run. The seeded GitHub account
 * with the owner's email (github|1000003, "Olivia Owner (second GitHub)") is
 * used only where it comes back as it was: a link that is unlinked again (the
 * tenant re-creates it as a newer account of its own, as suggestions.spec.ts's
 * link and unlink already did), or an attempt that links nothing. "Keep
 * separate" is stored in the user's app_metadata for good, so those tests use
 * a new pair of accounts of their own (signInWithNewGitHubAccountOfExistingEmail).
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  EMAIL_AND_PASSWORD,
  OWNER,
  alertRegion,
  chooseAccount,
  expectFreshSignInWithPasswordAs,
  identityList,
  signInWithNewGitHubAccountOfExistingEmail,
  statusRegion,
  unlink,
  unlinkEverySecondary,
  type Account,
} from "./helpers";

/** github|1000003: GitHub, with owner@example.com's verified email, newer than owner@example.com's own account. */
const OWNER_ON_GITHUB: Account = { email: "owner@example.com", connection: "github" };
const INTRUDER: Account = { email: "intruder@example.com", connection: "Username-Password-Authentication" };

function linkAccountsButton(page: Page): Locator {
  return page.getByRole("main").getByRole("button", { name: "Link accounts", exact: true });
}

function keepSeparateButton(page: Page): Locator {
  return page.getByRole("main").getByRole("button", { name: "Keep separate", exact: true });
}

/** "You already have an account", for a GitHub sign-in whose email the Email-and-password account `email` has. */
async function expectPromptFor(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(/\/link-accounts(\?prompt=[a-z_]+)?$/);
  await expect(page.getByRole("heading", { level: 1, name: "You already have an account" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("You signed in with GitHub. An account with the same email address already exists:");
  await expect(page.getByRole("list", { name: "The existing account" })).toHaveText(`Email and password, ${email}`);
  await expect(linkAccountsButton(page)).toBeVisible();
  await expect(keepSeparateButton(page)).toBeVisible();
}

/** The app's home page, signed in as `name`. */
async function expectHomeSignedInAs(page: Page, name: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
  await expect(page.getByText("Signed in as")).toContainText(name);
}

test.describe("with JavaScript", () => {
  test("owner@example.com signs in with GitHub, is told they already have an account, links it by signing in with Email and password, and lands on Settings as that account", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await chooseAccount(page, OWNER_ON_GITHUB);
    await expectPromptFor(page, OWNER.email);

    try {
      await linkAccountsButton(page).click();
      await expectFreshSignInWithPasswordAs(page, OWNER.email);
      await chooseAccount(page, OWNER);

      // Linked, then signed in again as the existing account by the tenant's single sign-on, without a login page.
      await expect(page).toHaveURL(/\/settings\?link=linked/);
      await expect(statusRegion(page)).toHaveText("Linked your GitHub account owner@example.com. You can now sign in with it.");
      const items = identityList(page).getByRole("listitem");
      await expect(items).toHaveCount(2);
      await expect(items.first()).toContainText("Primary");
      await expect(items.first()).toContainText("Email and password");
      await expect(items.first()).toContainText("owner@example.com");
      await expect(items.nth(1)).toContainText("GitHub");
      await expect(items.nth(1)).toContainText("owner@example.com");
      await page.goto("/");
      await expectHomeSignedInAs(page, "Olivia Owner");

      // Left as the seed was: the GitHub sign-in unlinked again, through Settings.
      await page.goto("/settings");
      await unlink(page, "GitHub", "owner@example.com");
      await expect(statusRegion(page)).toHaveText("Unlinked your GitHub account. You can no longer sign in with it.");
      await expect(items).toHaveCount(1);
    } finally {
      await unlinkEverySecondary(page);
    }
  });

  test("after Link accounts, signing in as someone else links nothing, says so in an alert, and still offers both buttons", async ({ page }) => {
    await page.goto("/settings");
    await chooseAccount(page, OWNER_ON_GITHUB);
    await expectPromptFor(page, OWNER.email);

    await linkAccountsButton(page).click();
    await expectFreshSignInWithPasswordAs(page, OWNER.email);
    await chooseAccount(page, INTRUDER);

    await expect(page).toHaveURL(/\/link-accounts\?prompt=different_account$/);
    await expect(alertRegion(page)).toHaveText(
      "You signed in with a different account, so nothing was linked. To link, sign in as the existing account shown here.",
    );
    await expectPromptFor(page, OWNER.email);

    // Still signed in with GitHub, nothing linked to it.
    await page.goto("/settings");
    const items = identityList(page).getByRole("listitem");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("GitHub");
    await expect(items.first()).toContainText("owner@example.com");
    await expect(identityList(page)).not.toContainText("intruder");
  });

  test("a new GitHub sign-in with an existing account's email chooses Keep separate, goes on to Settings, and is not asked again at the next sign-in", async ({ page }) => {
    const email = await signInWithNewGitHubAccountOfExistingEmail(page, "kim", "Kim Keep");
    await expectPromptFor(page, email);

    await keepSeparateButton(page).click();

    // Where the sign-in was going (Settings), as the GitHub account, nothing linked.
    await expect(page).toHaveURL(/\/settings$/);
    const items = identityList(page).getByRole("listitem");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("GitHub");
    await expect(items.first()).toContainText(email);
    await page.getByRole("link", { name: "Sign out" }).click();
    await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await chooseAccount(page, { email, connection: "github" });

    await expect(page).toHaveURL("/");
    await expectHomeSignedInAs(page, "Kim Keep (GitHub)");

    // As the page said, they can still link them later: the existing account's Settings suggests the GitHub sign-in.
    await page.getByRole("link", { name: "Sign out" }).click();
    await page.goto("/settings");
    await chooseAccount(page, { email, connection: EMAIL_AND_PASSWORD });
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("region", { name: "Suggested accounts" }).getByRole("button", { name: `Link this account: GitHub ${email}`, exact: true })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the prompt shows its heading and buttons, and Link accounts links the new GitHub sign-in with plain forms", async ({ page }) => {
    const email = await signInWithNewGitHubAccountOfExistingEmail(page, "nadia", "Nadia NoScript");
    await expectPromptFor(page, email);

    await linkAccountsButton(page).click();
    await expectFreshSignInWithPasswordAs(page, email);
    await chooseAccount(page, { email, connection: EMAIL_AND_PASSWORD });

    await expect(page).toHaveURL(/\/settings\?link=linked/);
    await expect(statusRegion(page)).toHaveText(`Linked your GitHub account ${email}. You can now sign in with it.`);
    const items = identityList(page).getByRole("listitem");
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText("Email and password");
    await expect(items.nth(1)).toContainText("GitHub");
    await expect(items.nth(1)).toContainText(email);
  });
});
