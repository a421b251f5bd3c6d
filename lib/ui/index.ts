/**
 * `auth0-account-linking/ui`: the Linked accounts UI as React Server
 * Components, for the page that shows it (usually Settings). Server-rendered
 * HTML forms, no client JavaScript. Its default look is
 * `auth0-account-linking/styles.css` (import it once, e.g. in the root layout).
 *
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking
 */
export { LinkedAccounts, type LinkedAccountsProps } from "./linked-accounts";
export { linkedAccountsPage, type LinkedAccountsPageOptions, type LinkedAccountsPageProps, type LinkedAccountsSource } from "./linked-accounts-page";
export {
  LINKED_ACCOUNTS_PARTS,
  type LinkedAccountsClassNames,
  type LinkedAccountsPart,
  type LinkedAccountsPaths,
} from "./class-names";
export { LinkPrompt, linkPromptPage, type LinkPromptPageOptions, type LinkPromptProps, type LinkPromptSource } from "./link-prompt";
export { ProviderIcon } from "./provider-icon";
export { linkedIdentities, type LinkedIdentity } from "./linked-identity";
