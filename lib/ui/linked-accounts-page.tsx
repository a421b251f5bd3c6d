import { redirect } from "next/navigation";
import { connection } from "next/server";
import { Suspense, type ReactNode } from "react";
import type { LocaleOptions } from "../i18n";
import type { LinkedAccountsData } from "../settings/linked-accounts-data";
import { uiContext } from "./class-names";
import { LinkedAccounts, localizationOf, type LinkedAccountsProps } from "./linked-accounts";

/** What {@link linkedAccountsPage} reads the list from: `setupAccountLinking(…)`'s result. */
export interface LinkedAccountsSource {
  readonly loadLinkedAccounts: () => Promise<LinkedAccountsData | null>;
  /** The setup's `locale` and `messages`: the "Loading" placeholder, shown before any request is read, is worded with them. */
  readonly localeOptions?: LocaleOptions;
}

/**
 * Options of {@link linkedAccountsPage}. `locale` wins over the setup's and
 * the request's; `messages` are laid over the setup's.
 */
export interface LinkedAccountsPageOptions extends Pick<LinkedAccountsProps, "paths" | "classNames">, LocaleOptions {
  /** Where a signed-out visitor is sent; default `/auth/login` (the SDK's login route). */
  readonly loginPath?: string;
  /** Where the login returns to: this page; default `paths.settings`, else `/settings`. */
  readonly returnTo?: string;
  /**
   * Default `true`: the section streams in behind a "Loading" placeholder
   * (`<Suspense>`), which an app with `cacheComponents` (create-next-app's
   * default) needs. `false` renders the page in one piece: then a browser
   * without JavaScript sees the list and a signed-out visitor gets an HTTP
   * redirect, not a refresh. Use it only where the page may block, i.e. with
   * `cacheComponents` off, or on with `export const instant = false` in the page.
   */
  readonly stream?: boolean;
}

/** The props Next.js passes a page. */
export interface LinkedAccountsPageProps {
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * A whole Settings → Linked accounts page (a React Server Component) for
 * `app/settings/page.tsx`: `export default linkedAccountsPage(accountLinking)`.
 * It loads the signed-in user's identities, sends a signed-out visitor to the
 * login (returning here), and renders {@link LinkedAccounts}. To put the
 * section into a page of your own, call `accountLinking.loadLinkedAccounts()`
 * and render `<LinkedAccounts>` yourself.
 * @example
 * // app/settings/page.tsx
 * export default linkedAccountsPage(accountLinking, { classNames: { root: "card" } });
 */
export function linkedAccountsPage(source: LinkedAccountsSource, options: LinkedAccountsPageOptions = {}): (props: LinkedAccountsPageProps) => ReactNode | Promise<ReactNode> {
  const returnTo = options.returnTo ?? options.paths?.settings ?? "/settings";
  const login = `${options.loginPath ?? "/auth/login"}?returnTo=${encodeURIComponent(returnTo)}`;
  const { paths, classNames, locale, messages } = options;
  const pageProps = { ...(paths ? { paths } : {}), ...(classNames ? { classNames } : {}), ...(locale ? { locale } : {}), ...(messages ? { messages } : {}) };
  async function LinkedAccountsSection({ searchParams }: LinkedAccountsPageProps): Promise<ReactNode> {
    // Request time only: nothing here (settings, cookies, Auth0) runs while `next build` prerenders.
    await connection();
    const [accounts, params] = await Promise.all([source.loadLinkedAccounts(), searchParams]);
    if (!accounts) redirect(login);
    return <LinkedAccounts {...accounts} searchParams={params} {...pageProps} />;
  }
  if (options.stream === false) return LinkedAccountsSection;
  const placeholder = <LinkedAccountsLoading {...(classNames ? { classNames } : {})} setup={source.localeOptions ?? {}} page={{ ...(locale ? { locale } : {}), ...(messages ? { messages } : {}) }} />;
  return function LinkedAccountsPage(props) {
    return (
      <Suspense fallback={placeholder}>
        <LinkedAccountsSection {...props} />
      </Suspense>
    );
  };
}

/**
 * What shows while the section loads: its heading and a status line, in its
 * own classes. It is part of the page's static shell (with `cacheComponents`,
 * rendered before any request exists), so it cannot read `Accept-Language`:
 * it speaks the configured `locale` (and says so with `lang`), else English
 * without a `lang` of its own.
 */
function LinkedAccountsLoading({ classNames, setup, page }: Pick<LinkedAccountsProps, "classNames"> & { setup: LocaleOptions; page: LocaleOptions }): ReactNode {
  const explicit = page.locale ?? setup.locale;
  const localization = localizationOf({ ...(explicit ? { locale: explicit } : {}), localeChoice: { messages: [setup.messages, page.messages] } });
  const ui = uiContext(undefined, classNames, localization);
  const { section } = localization.messages;
  return (
    <section className={ui.className("root")} aria-labelledby="linked-accounts" aria-busy="true" {...(explicit ? { lang: localization.locale } : {})}>
      <h2 id="linked-accounts">{section.heading}</h2>
      <p role="status" className={ui.className("intro")}>
        {section.loading}
      </p>
    </section>
  );
}
