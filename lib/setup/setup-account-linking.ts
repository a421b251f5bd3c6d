/**
 * The one-call setup for an app that already signs users in with
 * `@auth0/nextjs-auth0` v4: route handlers, the pages' session read, the
 * Settings page's data and the proxy, built lazily from the same environment
 * variables the SDK reads (so `next build` needs none of them). The app calls
 * it once, in a file of its own (examples/next-app/lib/auth0.ts,
 * app/account-linking.ts), and imports the result wherever it is needed.
 */
import type { Auth0Client } from "@auth0/nextjs-auth0/server";
import { loadConfig } from "../config/load-config";
import type { NoticeSender } from "../linking/report/notice";
import type { LocaleOptions } from "../i18n";
import type { Logger } from "../util/log";
import { accountLinkingFrom, type AccountLinkingSetup } from "./mount";
import { createServices, type Services } from "./services";

/**
 * Options for {@link setupAccountLinking}. `locale` and `messages` word the
 * Settings page: by default it speaks the request's language (English,
 * German, French or Spanish, from `Accept-Language`), else English.
 */
export interface SetupAccountLinkingOptions extends LocaleOptions {
  /** The app's `Auth0Client`, created with {@link linkingAuth0Options}. */
  readonly auth0: Auth0Client;
  /**
   * Where the settings come from, usually `process.env`: `AUTH0_DOMAIN`,
   * `AUTH0_CLIENT_ID`, `AUTH0_CLIENT_SECRET`, `AUTH0_SECRET`, `APP_BASE_URL`
   * (as the SDK reads them) and the optional `LINK_CONNECTIONS`,
   * `LINK_ALLOW_UNVERIFIED_EMAILS`, `LINK_THROTTLE_PER_MINUTE`, `REDIS_URL`,
   * `LINK_MAX_SIGN_IN_AGE_MINUTES`, `UNLINK_MAX_SIGN_IN_AGE_MINUTES`, `LINK_SUGGESTION_TRUSTED_CONNECTIONS`,
   * `AUTH0_HTTP_TIMEOUT_MS`, `AUTH0_M2M_CLIENT_ID`/`_SECRET`, `LINK_PROMPT_AT_SIGN_IN`.
   * Read on first use, not at import.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: JSON lines on the console. */
  readonly logger?: Logger;
  /**
   * Delivers the notices of links and unlinks yourself (your email service's
   * API, a queue): each carries the account's verified email, what changed,
   * when, the browser's User-Agent and the "This wasn't me" URL. Default: sent
   * by SMTP (`SMTP_URL`, `MAIL_FROM`), or none.
   */
  readonly notices?: NoticeSender;
  /**
   * The path of the link at sign-in's page, made with `linkPromptPage` from
   * `auth0-account-linking/ui` (e.g. `app/link-accounts/page.tsx`:
   * `"/link-accounts"`). Needed when LINK_PROMPT_AT_SIGN_IN=true; the setting
   * turns the prompt on and off, this says where it is.
   */
  readonly linkPromptPage?: string;
}

/**
 * Sets up account linking for an app that uses `@auth0/nextjs-auth0` v4.
 * Nothing is read or built until the first request; then the settings are
 * validated once.
 *
 * @throws {ConfigError} on first use (not here), naming every missing or malformed setting.
 * @example
 * export const accountLinking = setupAccountLinking({ auth0, env: process.env });
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 */
export function setupAccountLinking(options: SetupAccountLinkingOptions): AccountLinkingSetup {
  let built: Services | undefined;
  const localeOptions: LocaleOptions = { ...(options.locale ? { locale: options.locale } : {}), ...(options.messages ? { messages: options.messages } : {}) };
  return accountLinkingFrom(() => {
    built ??= createServices(loadConfig(options.env), {
      auth0: options.auth0,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.notices ? { notices: options.notices } : {}),
      ...(options.linkPromptPage ? { linkPromptPage: options.linkPromptPage } : {}),
      localeOptions,
    });
    return built;
  }, localeOptions);
}
