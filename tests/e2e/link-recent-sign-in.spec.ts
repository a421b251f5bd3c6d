/**
 * Linking after an old sign-in, in a real browser: linking needs a recent
 * primary sign-in (LINK_MAX_SIGN_IN_AGE_MINUTES, default 10), so "Link
 * GitHub" first has the person sign in again as themselves on the tenant's
 * page (their own connection, not GitHub's), then Settings offers to continue
 * the link with one click. Signing in again as someone else changes nothing.
 *
 * The server's clock is real, so the sign-in is made old the one way a person
 * who waited would differ: the session's `user.auth_time` is moved back 20
 * minutes, read and rewritten with the SDK's own helpers (`ageSignIn`). The
 * tenant keeps its state for the whole run, so each test leaves the accounts
 * it used as it found them, or uses accounts of its own.
 */
import { expect, test, type Page } from "@playwright/test";
import {
  EMAIL_AND_PASSWORD,
  OWNER,
  OWNER_GITHUB,
  accountButton,
  ageSignIn,
  alertRegion,
  chooseAccount,
  expectFreshSignInWithPasswordAs,
  createAccount,
  freshEmail,
  identityList,
  linkButton,
  signInToSettings,
  statusRegion,
  unlink,
  unlinkEverySecondary,
  type Account,
} from "./helpers";

const INTRUDER: Account = { email: "intruder@example.com", connection: "Username-Password-Authentication" };
const OLD_SIGN_IN_HINT = "Because you signed in a while ago, you'll be asked to sign in again first.";

/** Moves the browser's sign-in 20 minutes back and reloads Settings, which now says linking will ask to sign in again. */
async function signedInLongAgo(page: Page, baseURL: string | undefined): Promise<void> {
  await ageSignIn(page.context(), baseURL ?? "http://localhost:3210", 20);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Linked accounts" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(OLD_SIGN_IN_HINT);
}

/**
 * The tenant's login page asks `email` to sign in again on their own
 * email-and-password connection: `max_age=0` and `login_hint`, no GitHub
 * account offered, and `email` first.
 */
async function expectAskedToSignInAgainAs(page: Page, email: string): Promise<void> {
  await expectFreshSignInWithPasswordAs(page, email);
  const accounts = page.getByRole("list", { name: "Accounts" }).getByRole("button");
  await expect(accounts.first()).toHaveAccessibleName(accountButton(email, EMAIL_AND_PASSWORD));
  await expect(page.getByRole("button", { name: /\((github|google-oauth2)\)$/ })).toHaveCount(0);
}

/** Settings after signing in again as the primary: the link asked for, ready to continue, and nothing else changed. */
async function expectContinueLinkingGitHub(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/settings\?continue=github(#continue-link)?$/);
  const panel = page.getByRole("region", { name: "Continue linking GitHub" });
  await expect(panel.getByRole("heading", { name: "Continue linking GitHub" })).toBeVisible();
  await expect(panel).toContainText("You've confirmed it's you. Next, sign in with the GitHub account you want to link.");
  await expect(page.getByRole("main")).not.toContainText(OLD_SIGN_IN_HINT);
  await expect(alertRegion(page)).toHaveCount(0);
  await expect(identityList(page).getByRole("listitem")).toHaveCount(1);
}

test.describe("with JavaScript", () => {
  test("after an old sign-in, owner@example.com signs in again as themselves, continues, and links GitHub", async ({ page, baseURL }) => {
    await signInToSettings(page, (p) => chooseAccount(p, OWNER));
    const items = identityList(page).getByRole("listitem");
    await expect(items).toHaveCount(1);

    try {
      await signedInLongAgo(page, baseURL);
      await linkButton(page, "GitHub").click();

      await expectAskedToSignInAgainAs(page, OWNER.email);
      await chooseAccount(page, OWNER);

      await expectContinueLinkingGitHub(page);
      await page.getByRole("region", { name: "Continue linking GitHub" }).getByRole("button", { name: "Continue linking GitHub", exact: true }).click();

      // Now the GitHub login, as after a recent sign-in.
      await expect(page).toHaveURL(/\/authorize\?/);
      expect(new URL(page.url()).searchParams.get("connection")).toBe("github");
      await chooseAccount(page, OWNER_GITHUB);

      await expect(page).toHaveURL(/\/settings\?link=linked/);
      await expect(statusRegion(page)).toHaveText("Linked your GitHub account owner.github@example.com. You can now sign in with it.");
      await expect(items).toHaveCount(2);
      await expect(items.nth(1)).toContainText("GitHub");
      await expect(items.nth(1)).toContainText("owner.github@example.com");
      await expect(page.getByRole("region", { name: "Continue linking GitHub" })).toHaveCount(0);

      // The fresh sign-in also allows unlinking straight away: the owner is left as they were.
      await unlink(page, "GitHub", "owner.github@example.com");
      await expect(statusRegion(page)).toHaveText("Unlinked your GitHub account. You can no longer sign in with it.");
      await expect(items).toHaveCount(1);
    } finally {
      await unlinkEverySecondary(page);
    }
  });

  test("after an old sign-in, signing in again as intruder@example.com changes nothing and says why, in an alert", async ({ page, baseURL }) => {
    await signInToSettings(page, (p) => chooseAccount(p, OWNER));
    const items = identityList(page).getByRole("listitem");

    try {
      await signedInLongAgo(page, baseURL);
      await linkButton(page, "GitHub").click();

      await expectAskedToSignInAgainAs(page, OWNER.email);
      await chooseAccount(page, INTRUDER);

      await expect(page).toHaveURL(/\/settings\?link=reauthenticated_as_other/);
      await expect(alertRegion(page)).toHaveText(
        "You signed in again as a different account than the one you're using here, so nothing was changed. To link an account, try again and sign in as yourself.",
      );
      await expect(statusRegion(page)).toBeEmpty();
      await expect(page.getByRole("region", { name: "Continue linking GitHub" })).toHaveCount(0);
      // Still the owner's session, their sign-in still old, nothing linked.
      await expect(items).toHaveCount(1);
      await expect(items.first()).toContainText("owner@example.com");
      await expect(identityList(page)).not.toContainText("intruder");
      await expect(page.getByRole("main")).toContainText(OLD_SIGN_IN_HINT);

      await page.goto("/");
      await expect(page.getByText("Signed in as")).toContainText("Olivia Owner");
    } finally {
      await unlinkEverySecondary(page);
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("after an old sign-in, a new account signs in again, continues and links a new GitHub account with plain forms", async ({ page, baseURL }) => {
    const primary = freshEmail("olga");
    const github = freshEmail("olga.github");
    await signInToSettings(page, (p) => createAccount(p, primary, "Olga Oldsession"));
    const items = identityList(page).getByRole("listitem");
    await expect(items).toHaveCount(1);

    await signedInLongAgo(page, baseURL);
    await linkButton(page, "GitHub").click();

    await expectAskedToSignInAgainAs(page, primary);
    await chooseAccount(page, { email: primary, connection: EMAIL_AND_PASSWORD });

    await expectContinueLinkingGitHub(page);
    await page.getByRole("button", { name: "Continue linking GitHub", exact: true }).click();

    await expect(page).toHaveURL(/\/authorize\?/);
    expect(new URL(page.url()).searchParams.get("connection")).toBe("github");
    await createAccount(page, github);

    await expect(page).toHaveURL(/\/settings\?link=linked/);
    await expect(statusRegion(page)).toHaveText(`Linked your GitHub account ${github}. You can now sign in with it.`);
    await expect(items).toHaveCount(2);
    await expect(items.nth(1)).toContainText(github);

    await unlink(page, "GitHub", github);
    await expect(items).toHaveCount(1);
  });
});
