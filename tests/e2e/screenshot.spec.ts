/**
 * Writes the screenshots in the README: Settings for owner@example.com with
 * GitHub and Google linked, in English (docs/settings-linked-accounts.png)
 * and in German (docs/settings-linked-accounts.de.png, a de-DE browser).
 *
 * Skipped unless UPDATE_SCREENSHOT=1, so an ordinary run never rewrites a
 * committed file:
 *
 *   UPDATE_SCREENSHOT=1 npx playwright test tests/e2e/screenshot.spec.ts
 *
 * Each unlinks both accounts again afterwards, so the seeded state other tests
 * expect is kept.
 */
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { ENGLISH, GERMAN, OWNER, OWNER_GITHUB, OWNER_GOOGLE, chooseAccount, identityList, statusRegion, unlinkEverySecondary, type SettingsWords } from "./helpers";

test.use({ viewport: { width: 880, height: 900 }, deviceScaleFactor: 2, colorScheme: "light" });

const SHOTS: readonly { locale: string; file: string; words: SettingsWords; heading: string; link: (name: string) => string; linkedGoogle: string }[] = [
  {
    locale: "en-US",
    file: "settings-linked-accounts.png",
    words: ENGLISH,
    heading: "Linked accounts",
    link: (name) => `Link ${name}`,
    linkedGoogle: "Linked your Google account owner.google@example.com. You can now sign in with it.",
  },
  {
    locale: "de-DE",
    file: "settings-linked-accounts.de.png",
    words: GERMAN,
    heading: "Verknüpfte Konten",
    link: (name) => `${name} verknüpfen`,
    linkedGoogle: "Verknüpft: Google (owner.google@example.com). Sie können sich ab sofort damit anmelden.",
  },
];

async function linkBoth(page: Page, shot: (typeof SHOTS)[number]): Promise<void> {
  await page.getByRole("button", { name: shot.link("GitHub"), exact: true }).click();
  await chooseAccount(page, OWNER_GITHUB);
  await expect(page).toHaveURL(/\/settings\?link=linked/);
  await page.getByRole("button", { name: shot.link("Google"), exact: true }).click();
  await chooseAccount(page, OWNER_GOOGLE);
  await expect(statusRegion(page)).toHaveText(shot.linkedGoogle);
  await expect(identityList(page, shot.words).getByRole("listitem")).toHaveCount(3);
}

for (const shot of SHOTS) {
  test.describe(shot.locale, () => {
    test.use({ locale: shot.locale });

    test(`docs screenshot: Settings with GitHub and Google linked (${shot.file})`, async ({ page }) => {
      test.skip(process.env["UPDATE_SCREENSHOT"] !== "1", `writes docs/${shot.file} only when UPDATE_SCREENSHOT=1`);

      await page.goto("/settings");
      await chooseAccount(page, OWNER);
      await expect(page.getByRole("heading", { name: shot.heading })).toBeVisible();
      try {
        await linkBoth(page, shot);
        await page.waitForLoadState("networkidle");
        await page.screenshot({
          path: fileURLToPath(new URL(`../../docs/${shot.file}`, import.meta.url)),
          fullPage: true,
          animations: "disabled",
          // Next's development-mode indicator is not part of the page.
          style: "nextjs-portal { display: none !important; }",
        });
      } finally {
        await unlinkEverySecondary(page, shot.words);
      }
      await expect(identityList(page, shot.words).getByRole("listitem")).toHaveCount(1);
    });
  });
}
