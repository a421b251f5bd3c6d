/**
 * The language of this request's page: the one the Linked accounts section
 * speaks (`accountLinking.chooseLocale`, from the browser's Accept-Language),
 * so `<html lang>`, the app's own words and the section always agree.
 */
import { headers } from "next/headers";
import { accountLinking } from "./account-linking";
import { demoMessages, type DemoMessages } from "./demo-messages";

/** The request's locale and the demo's words in it. */
export async function pageLocale(): Promise<{ locale: string; words: DemoMessages }> {
  const locale = accountLinking.chooseLocale((await headers()).get("accept-language"));
  return { locale, words: demoMessages(locale) };
}
