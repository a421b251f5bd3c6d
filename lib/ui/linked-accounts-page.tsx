import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import type { LinkedAccountsData } from "../settings/linked-accounts-data";
import { LinkedAccounts, type LinkedAccountsProps } from "./linked-accounts";

/** What {@link linkedAccountsPage} reads the list from: `setupAccountLinking(…)`'s result. */
export interface LinkedAccountsSource {
  readonly loadLinkedAccounts: () => Promise<LinkedAccountsData | null>;
}

/** Options of {@link linkedAccountsPage}. */
export interface LinkedAccountsPageOptions extends Pick<LinkedAccountsProps, "paths" | "classNames"> {
  /** Where a signed-out visitor is sent; default `/auth/login` (the SDK's login route). */
  readonly loginPath?: string;
  /** Where the login returns to: this page; default `paths.settings`, else `/settings`. */
  readonly returnTo?: string;
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
export function linkedAccountsPage(source: LinkedAccountsSource, options: LinkedAccountsPageOptions = {}): (props: LinkedAccountsPageProps) => Promise<ReactNode> {
  const returnTo = options.returnTo ?? options.paths?.settings ?? "/settings";
  const login = `${options.loginPath ?? "/auth/login"}?returnTo=${encodeURIComponent(returnTo)}`;
  return async function LinkedAccountsPage({ searchParams }) {
    const [accounts, params] = await Promise.all([source.loadLinkedAccounts(), searchParams]);
    if (!accounts) redirect(login);
    const { paths, classNames } = options;
    return <LinkedAccounts {...accounts} searchParams={params} {...(paths ? { paths } : {})} {...(classNames ? { classNames } : {})} />;
  };
}
