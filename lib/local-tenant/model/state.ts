/**
 * What the local tenant remembers between requests besides its users: single
 * sign-on sessions, authorization codes, refresh grants, logins waiting on the
 * login page, and the log of Management API calls. {@link LocalTenant} keeps
 * them in maps; the OIDC and Management API files read and write them.
 */
import { randomBytes } from "node:crypto";
import type { FaultKind } from "../faults";
import type { LocalTenant } from "./tenant";

/** A signed-in browser session on the tenant (its single sign-on). */
export interface SsoSession {
  readonly sid: string;
  readonly userId: string;
  /** Epoch seconds of the interactive login. */
  readonly authTime: number;
}

/** An authorization code waiting to be exchanged. */
export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  /** The PKCE challenge of the `/authorize` request, or `undefined` when it sent none (a confidential client may omit PKCE). */
  readonly codeChallenge: string | undefined;
  readonly userId: string;
  readonly scope: string;
  readonly audience: string | undefined;
  readonly nonce: string | undefined;
  readonly authTime: number;
  readonly sid: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** A refresh token's grant. */
export interface RefreshGrant {
  readonly clientId: string;
  readonly userId: string;
  readonly scope: string;
  readonly audience: string | undefined;
  readonly authTime: number;
  readonly sid: string;
}

/**
 * An `/authorize` request waiting on the login page. The login form carries
 * only its id, so the redirect URI and PKCE challenge are never taken from the
 * browser's POST.
 */
export interface LoginTransaction {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly nonce: string | undefined;
  readonly scope: string;
  readonly audience: string | undefined;
  readonly codeChallenge: string | undefined;
  /** The requested `connection`: the page then offers that connection only. */
  readonly connection: string | undefined;
  readonly loginHint: string | undefined;
  /** What `/authorize` answers: a code, or (implicit) an ID token. */
  readonly responseType: "code" | "id_token" | "code id_token";
  /** How the answer reaches the callback. */
  readonly responseMode: "query" | "fragment" | "form_post";
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** One Management API call the tenant answered, as {@link LocalTenant.requestLog} keeps it. */
export interface ManagementRequestLogEntry {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path without the query, percent-decoded: `/api/v2/users/auth0|65a…/identities`. */
  readonly path: string;
  /** Status code of the answer; 0 when none was sent (an injected `timeout` or `reset`). */
  readonly status: number;
  /** The injected fault that answered or followed the request (`lose_response`: the tenant answered `status`, the caller never saw it). */
  readonly fault?: FaultKind;
}

/** A random opaque value (codes, refresh tokens, session ids). */
export function randomToken(): string {
  return randomBytes(24).toString("base64url");
}
