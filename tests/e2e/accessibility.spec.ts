/**
 * axe-core (@axe-core/playwright) on Settings as people meet it: the list,
 * the unlink confirmation and the panel for a sign-in that belongs to another
 * account; and on the link at sign-in's page, "You already have an account";
 * in English and in German. No serious or critical violation is allowed.
 * Each run uses accounts of its own, made on the tenant's "Create a new account" form.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ENGLISH, GERMAN, createAccount, freshEmail, identityList, signInWithNewGitHubAccountOfExistingEmail, statusRegion, type SettingsWords } from "./helpers";

/** The violations a person would hit (axe's "serious" and "critical"), one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Next's development-mode indicator is tooling, not part of the page.
  const results = await new AxeBuilder({ page }).exclude("nextjs-portal").analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const LOCALES: readonly { locale: string; lang: string; words: SettingsWords; linkGithub: string; promptHeading: string; linkAccounts: string }[] = [
  { locale: "en-US", lang: "en", words: ENGLISH, linkGithub: "Link GitHub", promptHeading: "You already have an account", linkAccounts: "Link accounts" },
  { locale: "de-DE", lang: "de", words: GERMAN, linkGithub: "GitHub verknüpfen", promptHeading: "Sie haben bereits ein Konto", linkAccounts: "Konten verknüpfen" },
];

for (const { locale, lang, words, linkGithub, promptHeading, linkAccounts } of LOCALES) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("Settings, the unlink confirmation and the identity-in-use panel have no serious or critical violation", async ({ page }) => {
      await page.goto("/settings");
      await createAccount(page, freshEmail(`axe.${lang}`), "Ada Axe");
      await expect(page).toHaveURL(/\/settings$/);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);

      // Settings with a linked account, and its success notice.
      await page.getByRole("button", { name: linkGithub, exact: true }).click();
      await createAccount(page, freshEmail(`axe.${lang}.github`));
      await expect(page).toHaveURL(/\/settings\?link=linked/);
      await expect(statusRegion(page)).not.toBeEmpty();
      expect(await seriousViolations(page)).toEqual([]);

      // The unlink confirmation.
      await identityList(page, words).getByRole("button", { name: words.unlinkButton }).click();
      await expect(page.getByRole("region", { name: words.confirmation })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      // The panel for a sign-in that belongs to another account (as the callback redirects after Auth0's 409).
      await page.goto(`/settings?link=identity_in_use&identity=${encodeURIComponent("github|1000002")}`);
      await expect(page.locator("#identity-in-use")).toBeVisible();
      await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the link at sign-in's page, with and without its alert, has no serious or critical violation", async ({ page }) => {
      // A new GitHub account with the email of an Email-and-password account made just before: the prompt, as a sign-in meets it.
      await signInWithNewGitHubAccountOfExistingEmail(page, `axe.prompt.${lang}`, "Pat Prompt");
      await expect(page).toHaveURL(/\/link-accounts$/);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1, name: promptHeading })).toBeVisible();
      await expect(page.getByRole("button", { name: linkAccounts, exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      // How an attempt ended, as the link callback redirects after a sign-in as another account.
      await page.goto("/link-accounts?prompt=different_account");
      await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
      await expect(page.getByRole("button", { name: linkAccounts, exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
