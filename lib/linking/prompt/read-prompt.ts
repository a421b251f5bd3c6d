/**
 * What the prompt's page shows, read from the prompt cookie for the session's
 * own user: the sign-in just used and the existing account's. The page
 * renders nothing else of the request (its `?prompt=` code maps to a fixed
 * sentence).
 */
import type { LocaleChoice } from "../../i18n";
import type { LinkingContext } from "../options";
import type { CookieReader } from "../unlink-notice";
import { openPrompt, PROMPT_COOKIE, type PromptSignIn } from "./prompt-cookie";

/** A sign-in as the page names it: its connection (named in the page's language) and its email. */
export type PromptSignInView = Omit<PromptSignIn, "sub">;

/** The prompt as its page shows it. */
export interface LinkPromptView {
  /** The sign-in the person just used. */
  readonly signedInWith: PromptSignInView;
  /** The older account with the same email. */
  readonly existing: PromptSignInView;
  /** Where "Continue" leads (where the person was going). */
  readonly returnTo: string;
}

/** The prompt for `sub` among `cookies`, or `null` when there is none (expired, another user's, tampered). */
export async function readLinkPrompt(context: Pick<LinkingContext, "transaction" | "now">, cookies: CookieReader, sub: string): Promise<LinkPromptView | null> {
  const prompt = await openPrompt(cookies.get(PROMPT_COOKIE)?.value, context.transaction, sub, context.now());
  if (!prompt) return null;
  const view = ({ connection, provider, email }: PromptSignIn): PromptSignInView => ({ connection, provider, email });
  return { signedInWith: view(prompt.user), existing: view(prompt.existing), returnTo: prompt.returnTo };
}

/** What `AccountLinkingSetup.loadLinkPrompt` gives the prompt's page (`linkPromptPage`, `<LinkPrompt>`). */
export interface LinkPromptData {
  /** The prompt, or `null`: nothing to offer (signed out, expired, already answered). */
  readonly prompt: LinkPromptView | null;
  /** Where the buttons post: `/link/prompt`. */
  readonly action: string;
  /** How the page's language is chosen: the setup's `locale` and `messages`, and the request's `Accept-Language`. */
  readonly localeChoice: LocaleChoice;
}
