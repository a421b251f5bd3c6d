/**
 * "This wasn't me" in a real browser: someone signed in as the owner links
 * their own GitHub; the owner reads the notice in the local mail catcher
 * (its REST API, /email), opens "This wasn't me" in another browser, signs in
 * again, and sees the account secured; a second browser of the owner's is
 * signed out. A fresh owner and GitHub account of their own (the tenant keeps
 * its state for the whole run, and securing an account signs its user out
 * everywhere).
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { chooseAccount, createAccount, freshEmail, linkButton, statusRegion, type Account } from "./helpers";

const MAIL_CATCHER = `http://localhost:${process.env["E2E_MAIL_CATCHER_PORT"] ?? 1280}`;

interface CaughtMail {
  readonly subject: string;
  readonly html?: string;
  readonly to: readonly { readonly address: string }[];
}

/** The notice sent to `email`, once the catcher has it (notices leave after the response). */
async function noticeTo(email: string): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(async () => {
      const mails = (await (await fetch(`${MAIL_CATCHER}/email`)).json()) as CaughtMail[];
      found = mails.find((mail) => mail.to.some((to) => to.address === email));
      return found !== undefined;
    }, { timeout: 15_000 })
    .toBe(true);
  if (!found) throw new Error("unreachable");
  return found;
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("the owner reads the notice, clicks This wasn't me, signs in again, and every browser of theirs is signed out", async ({ browser }) => {
  const owner: Account = { email: freshEmail("reported-owner"), connection: "Username-Password-Authentication" };
  const intruderGithub = freshEmail("intruder-github");

  // The hijacked browser: signed in as the owner, it links the intruder's GitHub.
  const hijacked = await newPage(browser);
  await hijacked.goto("/settings");
  await createAccount(hijacked, owner.email, "Reported Owner");
  await expect(hijacked.getByRole("heading", { name: "Linked accounts" })).toBeVisible();
  await linkButton(hijacked, "GitHub").click();
  await createAccount(hijacked, intruderGithub);
  await expect(hijacked).toHaveURL(/\/settings\?link=linked/);
  await expect(statusRegion(hijacked)).toContainText(intruderGithub);

  // The owner's own second browser, signed in too.
  const other = await newPage(browser);
  await other.goto("/settings");
  await chooseAccount(other, owner);
  await expect(other.getByRole("heading", { name: "Linked accounts" })).toBeVisible();

  const mail = await noticeTo(owner.email);
  expect(mail.subject).toBe("Account linking demo: a sign-in was added to your account");
  expect(mail.html).toContain(intruderGithub);
  const href = /href="([^"]*\/link\/report\?t=[^"]+)"/.exec(mail.html ?? "")?.[1]?.replace(/&amp;/g, "&");
  expect(href).toBeDefined();

  // The owner, reading their mail somewhere else.
  const reader = await newPage(browser);
  await reader.goto(href ?? "");
  await expect(reader.getByRole("heading", { name: "Secure your account", level: 1 })).toBeVisible();
  await expect(reader.getByRole("main")).toContainText(`We will remove the GitHub sign-in ${intruderGithub} from your account at once`);
  await reader.getByRole("button", { name: "Sign in to secure my account" }).click();
  await chooseAccount(reader, owner);
  await expect(reader.getByRole("heading", { name: "Your account is secured", level: 1 })).toBeVisible();
  await expect(reader.getByRole("list").first()).toContainText(`Removed the GitHub sign-in ${intruderGithub} from your account.`);
  await expect(reader.getByRole("main")).toContainText("Change your password");

  // The owner's second browser is signed out: Settings asks it to sign in (the tenant's session is gone too).
  await other.goto("/settings");
  await expect(other).toHaveURL(/\/authorize\?/);
  // The hijacked browser is no longer the owner's: at most its intruder is signed in as themselves, a GitHub user of their own now.
  await hijacked.goto("/settings");
  await expect(hijacked.getByRole("main")).not.toContainText(owner.email);
});
