/**
 * The local tenant's login page, shown by `GET /authorize` (and again by
 * `POST /u/login` when creating an account fails). Instead of passwords it
 * offers an account chooser: one submit button per identity a person can sign
 * in with, plus a form to create a new account. It works without JavaScript.
 *
 * Every form posts to {@link LOGIN_POST_PATH} with these fields:
 * - `transaction`: id of the pending `/authorize` request (server-side);
 * - `action`: `login` | `signup` | `cancel`;
 * - `identity` (login): `provider|user_id` of the chosen identity, the button's value;
 * - `email`, `name` (optional), `connection`, `email_verified=true` (signup).
 */
import type { LoginTransaction } from "./model/state";
import type { LocalTenant } from "./model/tenant";
import type { LoginAccount } from "./model/users";
import { escapeHtml, renderPage } from "./oidc-html";
import type { TenantConnection } from "./types";

/** Path the login page's forms post to. */
export const LOGIN_POST_PATH = "/u/login";

/** What the login page shows. Every string is escaped when rendered. */
export interface LoginPageView {
  /** Id of the server-side login transaction, carried in a hidden field. */
  readonly transactionId: string;
  /** Name of the application asking for the login. */
  readonly applicationName: string;
  /** Identities offered (already restricted to the requested connection, if any). */
  readonly accounts: readonly LoginAccount[];
  /** Connections a new account may be created on. */
  readonly connections: readonly TenantConnection[];
  /** The requested connection, when the application asked for one. */
  readonly connection?: string | undefined;
  /** `login_hint`: accounts with this email (or identity id) are highlighted and focused. */
  readonly loginHint?: string | undefined;
  /** Email of the user already signed in on the tenant, when the application asked to sign in again. */
  readonly signedInAs?: string | undefined;
  /** A sentence explaining why the last attempt failed. */
  readonly error?: string | undefined;
  /** Values to put back in the new-account form after a failed attempt. */
  readonly signup?: { readonly email: string; readonly name: string; readonly connection: string; readonly emailVerified: boolean } | undefined;
}

/**
 * The login page's view of a pending login: the application's name, and the
 * accounts and connections the requested `connection` (if any) allows.
 */
export function loginPageViewFor(
  tenant: LocalTenant,
  transactionId: string,
  transaction: LoginTransaction,
  extra: Pick<LoginPageView, "signedInAs" | "error" | "signup"> = {},
): LoginPageView {
  const only = transaction.connection;
  return {
    transactionId,
    applicationName: tenant.client(transaction.clientId)?.name ?? transaction.clientId,
    accounts: tenant.loginAccounts(only),
    connections: tenant.connections.filter((connection) => only === undefined || connection.name === only),
    connection: only,
    loginHint: transaction.loginHint,
    ...extra,
  };
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function matchesHint(account: LoginAccount, hint: string | undefined): boolean {
  if (hint === undefined) return false;
  const wanted = hint.trim().toLowerCase();
  return account.email.toLowerCase() === wanted || account.identityId.toLowerCase() === wanted;
}

function renderAccounts(view: LoginPageView): string {
  if (view.accounts.length === 0) {
    return `<p>No account can sign in here yet. Create one below.</p>`;
  }
  // Hinted accounts go first so the suggestion is also the first thing read.
  const hinted = view.accounts.filter((account) => matchesHint(account, view.loginHint));
  const others = view.accounts.filter((account) => !matchesHint(account, view.loginHint));
  const items = [...hinted, ...others].map((account, index) => {
    const isHinted = index < hinted.length;
    const linked = account.userId !== account.identityId;
    const details = [
      escapeHtml(account.name || account.email),
      escapeHtml(account.connectionDisplayName),
      linked ? `linked to ${escapeHtml(account.userId)}` : escapeHtml(account.identityId),
    ].join(" · ");
    return `<li${isHinted ? ' class="hinted"' : ""}>
<button type="submit" class="account" name="identity" value="${escapeHtml(account.identityId)}"${index === 0 && isHinted ? " autofocus" : ""}>Continue as ${escapeHtml(account.email)} (${escapeHtml(account.connection)})</button>
<span class="meta">${details}${isHinted ? '<span class="badge">suggested</span>' : ""}</span>
</li>`;
  });
  return `<form method="post" action="${LOGIN_POST_PATH}">
${hidden("transaction", view.transactionId)}
${hidden("action", "login")}
<ul class="accounts" aria-label="Accounts">
${items.join("\n")}
</ul>
</form>`;
}

function renderSignup(view: LoginPageView): string {
  const hintIsNew = view.loginHint?.includes("@") && !view.accounts.some((account) => matchesHint(account, view.loginHint));
  const email = view.signup?.email ?? (hintIsNew ? (view.loginHint ?? "") : "");
  const selected = view.signup?.connection ?? view.connection;
  const options = view.connections
    .map((connection) => {
      const isSelected = connection.name === selected;
      return `<option value="${escapeHtml(connection.name)}"${isSelected ? " selected" : ""}>${escapeHtml(connection.displayName)} (${escapeHtml(connection.name)})</option>`;
    })
    .join("\n");
  const verified = view.signup ? view.signup.emailVerified : true;
  return `<h2 id="signup-heading">Create a new account</h2>
<form method="post" action="${LOGIN_POST_PATH}" aria-labelledby="signup-heading">
${hidden("transaction", view.transactionId)}
${hidden("action", "signup")}
<label for="signup-email">Email</label>
<input id="signup-email" type="email" name="email" required autocomplete="off" value="${escapeHtml(email)}">
<label for="signup-name">Name (optional)</label>
<input id="signup-name" type="text" name="name" autocomplete="off" value="${escapeHtml(view.signup?.name ?? "")}">
<label for="signup-connection">Connection</label>
<select id="signup-connection" name="connection">
${options}
</select>
<label class="check"><input type="checkbox" name="email_verified" value="true"${verified ? " checked" : ""}> Email verified</label>
<div class="actions"><button type="submit" class="primary">Create account and continue</button></div>
</form>`;
}

/** Renders the login page for a pending `/authorize` request. */
export function renderLoginPage(view: LoginPageView): string {
  const requested = view.connection === undefined ? undefined : view.connections.find((connection) => connection.name === view.connection);
  const body = [
    `<h1>Log in</h1>`,
    `<p class="app">to continue to <strong>${escapeHtml(view.applicationName)}</strong>${
      requested ? ` with ${escapeHtml(requested.displayName)}` : ""
    }</p>`,
    view.signedInAs === undefined
      ? ""
      : `<p class="notice">You are signed in as ${escapeHtml(view.signedInAs)}, but the application asked you to log in again. Choose an account.</p>`,
    view.error === undefined ? "" : `<p class="error" role="alert">${escapeHtml(view.error)}</p>`,
    `<h2>Choose an account</h2>`,
    renderAccounts(view),
    renderSignup(view),
    `<form method="post" action="${LOGIN_POST_PATH}">
${hidden("transaction", view.transactionId)}
${hidden("action", "cancel")}
<div class="actions"><button type="submit">Cancel</button></div>
</form>`,
  ];
  return renderPage(`Log in | ${view.applicationName}`, body.filter(Boolean).join("\n"));
}
