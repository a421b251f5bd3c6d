/**
 * `POST /u/login`: what the login page's forms submit. Signs in as the chosen
 * (or newly created) identity, starts the tenant's single sign-on session, and
 * redirects back to the application with an authorization code; or cancels
 * the login with `access_denied`.
 */
import { http, type HttpHandler } from "msw";
import { TenantApiError } from "./errors";
import { LOGIN_POST_PATH, loginPageViewFor, renderLoginPage, type LoginPageView } from "./login-page";
import type { LoginTransaction, SsoSession } from "./model/state";
import type { LocalTenant } from "./model/tenant";
import { completeAuthorization, currentSession, errorResponse } from "./oidc-authorize";
import { renderErrorPage } from "./oidc-html";
import { htmlResponse, param, readBodyParams, ssoCookie } from "./oidc-http";

function expiredLogin(): Response {
  return htmlResponse(
    renderErrorPage(
      "This login has expired",
      "The login page was open too long, or was already used. Go back to the application and start the login again.",
    ),
    400,
  );
}

/** Signs `userId` in: a fresh single sign-on session replaces the browser's previous one. */
function signIn(tenant: LocalTenant, request: Request, transactionId: string, transaction: LoginTransaction, userId: string): Promise<Response> {
  const previous = currentSession(tenant, request);
  if (previous) tenant.sessions.delete(previous.sid);
  const session: SsoSession = { sid: tenant.randomToken(), userId, authTime: tenant.nowSeconds() };
  tenant.sessions.set(session.sid, session);
  tenant.loginTransactions.delete(transactionId);
  return completeAuthorization(tenant, transaction, session, ssoCookie(session.sid));
}

function signupError(error: unknown, connection: string): string {
  if (error instanceof TenantApiError) {
    switch (error.errorCode) {
      case "auth0_idp_error":
        return `An account with this email already exists on ${connection}. Choose it in the list above.`;
      case "invalid_body":
        return "Enter a valid email address.";
      case "inexistent_connection":
        return "Choose one of the connections offered.";
    }
  }
  return "The account could not be created.";
}

/** msw handler for the login page's forms. */
export function loginHandler(tenant: LocalTenant): HttpHandler {
  return http.post(`${tenant.baseUrl}${LOGIN_POST_PATH}`, async ({ request }) => {
    const params = await readBodyParams(request);
    const transactionId = param(params, "transaction");
    const transaction = transactionId === undefined ? undefined : tenant.loginTransactions.get(transactionId);
    if (transactionId === undefined || !transaction || transaction.expiresAt <= tenant.now()) {
      if (transactionId !== undefined) tenant.loginTransactions.delete(transactionId);
      return expiredLogin();
    }
    const reshow = (extra: Pick<LoginPageView, "error" | "signup">): Response =>
      htmlResponse(renderLoginPage(loginPageViewFor(tenant, transactionId, transaction, extra)), 400);

    switch (param(params, "action")) {
      case "cancel": {
        tenant.loginTransactions.delete(transactionId);
        return errorResponse(transaction, "access_denied", "User cancelled the login");
      }
      case "login": {
        const identity = param(params, "identity");
        // Only what the page offered may be chosen: the requested connection still applies.
        const account = tenant.loginAccounts(transaction.connection).find((candidate) => candidate.identityId === identity);
        if (!account) return reshow({ error: "That account is not offered for this login. Choose one in the list." });
        // A linked identity signs in as the root user that holds it, as on Auth0.
        return signIn(tenant, request, transactionId, transaction, account.userId);
      }
      case "signup": {
        const signup = {
          email: param(params, "email") ?? "",
          name: param(params, "name") ?? "",
          connection: param(params, "connection") ?? transaction.connection ?? "",
          emailVerified: param(params, "email_verified") === "true",
        };
        if (transaction.connection !== undefined && signup.connection !== transaction.connection) {
          return reshow({ error: `The application asked for a ${transaction.connection} login.`, signup });
        }
        try {
          const user = tenant.createUser({
            connection: signup.connection,
            email: signup.email,
            emailVerified: signup.emailVerified,
            ...(signup.name === "" ? {} : { name: signup.name }),
          });
          return signIn(tenant, request, transactionId, transaction, user.user_id);
        } catch (error) {
          return reshow({ error: signupError(error, signup.connection), signup });
        }
      }
      default:
        return reshow({ error: "Choose an account, create one, or cancel." });
    }
  });
}
