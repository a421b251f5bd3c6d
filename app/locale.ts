/**
 * The language of this request's page: the one the Linked accounts section
 * speaks (`accountLinking.chooseLocale`, from the browser's Accept-Language),
 * so `<html lang>`, the app's own words and the section always agree.
 */
import { headers } from "next/headers";
import { cache } from "react";
import { accountLinking } from "./account-linking";
import { demoMessages, type DemoMessages } from "./demo-messages";

/** The request's locale and the demo's words in it; read once per request (React `cache`), however many parts ask. */
export const pageLocale = cache(async (): Promise<{ locale: string; words: DemoMessages }> => {
  const locale = accountLinking.chooseLocale((await headers()).get("accept-language"));
  return { locale, words: demoMessages(locale) };
});
