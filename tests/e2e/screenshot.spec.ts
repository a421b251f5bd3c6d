/**
 * Writes docs/settings-linked-accounts.png, the screenshot in the README:
 * Settings for owner@example.com with GitHub and Google linked.
 *
 * Skipped unless UPDATE_SCREENSHOT=1, so an ordinary run never rewrites a
 * committed file:
 *
 *   UPDATE_SCREENSHOT=1 npx playwright test tests/e2e/screenshot.spec.ts
 *
 * It unlinks both accounts again afterwards, so the seeded state other tests
 * expect is kept.
 */
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { OWNER, OWNER_GITHUB, OWNER_GOOGLE, chooseAccount, identityList, linkButton, signInToSettings, statusRegion, unlinkEverySecondary } from "./helpers";

const OUTPUT = fileURLToPath(new URL("../../docs/settings-linked-accounts.png", import.meta.url));

test.use({ viewport: { width: 880, height: 900 }, deviceScaleFactor: 2, colorScheme: "light" });

test("docs screenshot: Settings with GitHub and Google linked", async ({ page }) => {
  test.skip(process.env["UPDATE_SCREENSHOT"] !== "1", "writes docs/settings-linked-accounts.png only when UPDATE_SCREENSHOT=1");

  await signInToSettings(page, (p) => chooseAccount(p, OWNER));
  try {
    await linkButton(page, "GitHub").click();
    await chooseAccount(page, OWNER_GITHUB);
    await expect(page).toHaveURL(/\/settings\?link=linked/);
    await linkButton(page, "Google").click();
    await chooseAccount(page, OWNER_GOOGLE);
    await expect(statusRegion(page)).toHaveText("Linked your Google account owner.google@example.com. You can now sign in with it.");
    await expect(identityList(page).getByRole("listitem")).toHaveCount(3);
    await page.waitForLoadState("networkidle");

    await page.screenshot({
      path: OUTPUT,
      fullPage: true,
      animations: "disabled",
      // Next's development-mode indicator is not part of the page.
      style: "nextjs-portal { display: none !important; }",
    });
  } finally {
    await unlinkEverySecondary(page);
  }
  await expect(identityList(page).getByRole("listitem")).toHaveCount(1);
});
