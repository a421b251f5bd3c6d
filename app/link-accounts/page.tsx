import type { Metadata } from "next";
import type { ReactNode } from "react";
import { localize } from "auth0-account-linking";
import { linkPromptPage } from "auth0-account-linking/ui";
import { accountLinking } from "../account-linking";
import { pageLocale } from "../locale";
import { SiteHeader } from "../site-header";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await pageLocale();
  return { title: localize(locale, accountLinking.localeOptions.messages).messages.prompt.heading };
}

/**
 * The link at sign-in's page, "You already have an account" (LINK_PROMPT_AT_SIGN_IN=true;
 * `linkPromptPage: "/link-accounts"` in app/account-linking.ts): a sign-in lands here
 * when an older account has its verified email. In one piece (`stream: false`: this
 * app has `cacheComponents` off), so its buttons work without JavaScript.
 */
const LinkPrompt = linkPromptPage(accountLinking, { stream: false, classNames: { prompt: "card" } });

export default async function LinkAccountsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }): Promise<ReactNode> {
  const [session, { words }] = await Promise.all([accountLinking.getSession(), pageLocale()]);
  return (
    <>
      <SiteHeader signedIn={Boolean(session)} words={words} />
      <main id="main">
        <LinkPrompt {...props} />
      </main>
    </>
  );
}
