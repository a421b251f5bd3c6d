/**
 * Settings → Linked accounts in a real browser, against the running app and
 * the local tenant. The tenant keeps its state for the whole run (one
 * server), so every test leaves the accounts it used as it found them, or
 * uses accounts of its own made on the tenant's "Create a new account" form.
 */
import { expect, test } from "@playwright/test";
import {
  OWNER,
  OWNER_GITHUB,
  alertRegion,
  chooseAccount,
  createAccount,
  freshEmail,
  identityList,
  linkButton,
  signInToSettings,
  statusRegion,
  unlink,
  unlinkEverySecondary,
} from "./helpers";

test.describe("with JavaScript", () => {
  test("owner@example.com links GitHub, sees it listed after a reload, then unlinks it after confirming", async ({ page }) => {
    await signInToSettings(page, (p) => chooseAccount(p, OWNER));
    const items = identityList(page).getByRole("listitem");
    await expect(items).toHaveCount(1);
    await expect(statusRegion(page)).toBeEmpty();

    try {
      await linkButton(page, "GitHub").click();
      await chooseAccount(page, OWNER_GITHUB);

      await expect(page).toHaveURL(/\/settings\?link=linked/);
      await expect(statusRegion(page)).toHaveText("Linked your GitHub account owner.github@example.com. You can now sign in with it.");
      await expect(items).toHaveCount(2);
      await expect(items.nth(1)).toContainText("GitHub");
      await expect(items.nth(1)).toContainText("owner.github@example.com");
      // The primary stays first, marked, and cannot be unlinked.
      await expect(items.first()).toContainText("Primary");
      await expect(items.first().getByRole("button")).toHaveCount(0);

      await page.reload();
      await expect(items).toHaveCount(2);
      await expect(items.nth(1)).toContainText("owner.github@example.com");

      // Cancelling the confirmation changes nothing.
      await identityList(page).getByRole("button", { name: "Unlink GitHub owner.github@example.com", exact: true }).click();
      await expect(page).toHaveURL(/\/settings\?confirm=github%7C1000001/);
      const confirmation = page.getByRole("region", { name: "Unlink GitHub owner.github@example.com?" });
      await expect(confirmation).toContainText("no longer be able to sign in");
      await confirmation.getByRole("link", { name: "Cancel" }).click();
      await expect(page).toHaveURL(/\/settings$/);
      await expect(page.getByRole("region", { name: /^Unlink / })).toHaveCount(0);
      await expect(items).toHaveCount(2);

      await unlink(page, "GitHub", "owner.github@example.com");
      await expect(statusRegion(page)).toHaveText("Unlinked your GitHub account. You can no longer sign in with it.");
      await expect(items).toHaveCount(1);
      await expect(identityList(page)).not.toContainText("owner.github@example.com");
    } finally {
      await unlinkEverySecondary(page);
    }
  });

  test("cancelling the other sign-in shows why nothing was linked, in an alert", async ({ page }) => {
    await signInToSettings(page, (p) => createAccount(p, freshEmail("canceller"), "Casey Canceller"));
    await linkButton(page, "GitHub").click();
    await expect(page).toHaveURL(/\/authorize\?/);
    await page.getByRole("button", { name: "Cancel", exact: true }).click();

    await expect(page).toHaveURL(/\/settings\?link=cancelled/);
    await expect(alertRegion(page)).toHaveText("You cancelled the sign-in, so nothing was linked. To link the account after all, choose its Link button again.");
    await expect(statusRegion(page)).toBeEmpty();
    await expect(identityList(page).getByRole("listitem")).toHaveCount(1);
  });

  test("Settings shows only its own sentences and identities, whatever the query string says", async ({ page }) => {
    await signInToSettings(page, (p) => createAccount(p, freshEmail("curious"), "Quinn Query"));

    // An identity that is not the user's, the primary itself, and markup: no confirmation is shown.
    for (const confirm of ["github|1000002", "auth0|65a000000000000000000001", "<b>evil</b>|x"]) {
      await page.goto(`/settings?confirm=${encodeURIComponent(confirm)}`);
      await expect(page.getByRole("heading", { name: "Linked accounts" })).toBeVisible();
      await expect(page.getByRole("region", { name: /^Unlink / })).toHaveCount(0);
      await expect(page.getByRole("main")).not.toContainText("evil");
    }

    // A success the identity list does not confirm is not announced: a crafted URL cannot claim a link.
    await page.goto(`/settings?link=linked&identity=${encodeURIComponent("github|<b>evil</b>")}`);
    await expect(statusRegion(page)).toBeEmpty();
    await expect(page.getByRole("main")).not.toContainText("evil");

    // Outcome text comes from the app's own sentences, never from the URL.
    await page.goto(`/settings?link=identity_in_use&identity=${encodeURIComponent("github|<b>evil</b>")}`);
    await expect(alertRegion(page)).toHaveText("That GitHub sign-in already belongs to another account of this app, so it could not be linked to yours. To move it here, sign in with it, unlink it in that account's Settings, then come back and link it.");
    await expect(page.getByRole("main")).not.toContainText("evil");

    await page.goto("/settings?link=you-have-been-hacked&unlink=call-this-number");
    await expect(statusRegion(page)).toBeEmpty();
    await expect(alertRegion(page)).toHaveCount(0);
    await expect(page.getByRole("main")).not.toContainText(/hacked|this-number/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a new account links a new GitHub account and unlinks it with plain forms", async ({ page }) => {
    const github = freshEmail("nora.github");
    await signInToSettings(page, (p) => createAccount(p, freshEmail("nora"), "Nora NoScript"));
    const items = identityList(page).getByRole("listitem");
    await expect(items).toHaveCount(1);

    await linkButton(page, "GitHub").click();
    await createAccount(page, github);
    await expect(page).toHaveURL(/\/settings\?link=linked/);
    await expect(statusRegion(page)).toHaveText(`Linked your GitHub account ${github}. You can now sign in with it.`);
    await expect(items).toHaveCount(2);
    await expect(items.nth(1)).toContainText(github);

    await unlink(page, "GitHub", github);
    await expect(statusRegion(page)).toHaveText("Unlinked your GitHub account. You can no longer sign in with it.");
    await expect(items).toHaveCount(1);
  });
});
