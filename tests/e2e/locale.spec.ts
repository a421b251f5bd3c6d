/**
 * Settings for a browser set to German (Chromium with the de-DE locale,
 * which sends `Accept-Language: de-DE,de;q=0.9`): the page, its headings and
 * buttons speak German, say so with `lang`, and the whole link and unlink
 * flow still works by role and name. The tenant's login page is the local
 * tenant's own, in English.
 */
import { expect, test } from "@playwright/test";
import { GERMAN, OWNER, OWNER_GITHUB, chooseAccount, identityList, statusRegion, unlinkEverySecondary } from "./helpers";

test.use({ locale: "de-DE" });

test("owner@example.com links GitHub and unlinks it again on a German Settings page", async ({ page }) => {
  await page.goto("/settings");
  await chooseAccount(page, OWNER);
  await expect(page).toHaveURL(/\/settings$/);

  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  const section = page.getByRole("region", { name: "Verknüpfte Konten" });
  await expect(section).toHaveAttribute("lang", "de");
  await expect(section.getByRole("heading", { level: 2, name: "Verknüpfte Konten" })).toBeVisible();
  await expect(section.getByRole("heading", { level: 3, name: "Weiteres Konto verknüpfen" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Abmelden" })).toBeVisible();
  const items = identityList(page, GERMAN).getByRole("listitem");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("E-Mail und Passwort");
  await expect(page.getByRole("button", { name: "Google verknüpfen", exact: true })).toBeVisible();

  try {
    await page.getByRole("button", { name: "GitHub verknüpfen", exact: true }).click();
    await chooseAccount(page, OWNER_GITHUB);
    await expect(page).toHaveURL(/\/settings\?link=linked/);
    await expect(statusRegion(page)).toHaveText("Verknüpft: GitHub (owner.github@example.com). Sie können sich ab sofort damit anmelden.");
    await expect(items).toHaveCount(2);

    const unlinkGithub = "Trennen: GitHub (owner.github@example.com)";
    await identityList(page, GERMAN).getByRole("button", { name: unlinkGithub, exact: true }).click();
    const confirmation = page.getByRole("region", { name: "GitHub (owner.github@example.com) trennen?" });
    await expect(confirmation).toContainText("Anmelden können Sie sich weiterhin mit E-Mail und Passwort (owner@example.com).");
    await expect(confirmation.getByRole("link", { name: "Abbrechen" })).toBeVisible();
    await confirmation.getByRole("button", { name: unlinkGithub, exact: true }).click();

    await expect(page).toHaveURL(/\/settings\?unlink=unlinked/);
    await expect(statusRegion(page)).toHaveText("Getrennt: GitHub. Sie können sich damit nicht mehr anmelden.");
    await expect(items).toHaveCount(1);
  } finally {
    await unlinkEverySecondary(page, GERMAN);
  }
});

test("a cancelled sign-in is explained in German, with what to do next", async ({ page }) => {
  await page.goto("/settings");
  await chooseAccount(page, OWNER);
  await page.getByRole("button", { name: "GitHub verknüpfen", exact: true }).click();
  await expect(page).toHaveURL(/\/authorize\?/);
  await page.getByRole("button", { name: "Cancel", exact: true }).click();

  await expect(page).toHaveURL(/\/settings\?link=cancelled/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Sie haben die Anmeldung abgebrochen, deshalb wurde nichts verknüpft. Wenn Sie das Konto doch verknüpfen möchten, wählen Sie die Schaltfläche erneut.",
  );
});
