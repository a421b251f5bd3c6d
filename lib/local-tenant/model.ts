/**
 * The local tenant's state and rules: users, identities, clients, signing keys,
 * and the operations Auth0 performs on them. The HTTP faces (OIDC endpoints,
 * Management API, login page) live in their own files and call into this.
 */
import type { JWK, JWTPayload } from "jose";
import { randomBytes } from "node:crypto";
import { TenantApiError } from "./errors";
import { FaultInjector, type FaultKind } from "./faults";
import { TokenBucket, type RateLimitDecision, type RateLimitOptions } from "./rate-limit";
import { LOCAL_APP_API_AUDIENCE, SEED_ACCOUNTS, SEED_CONNECTIONS, seedClients } from "./seed";
import { SigningKeys } from "./signing-keys";
import type { ProfileData, SeedAccount, TenantClient, TenantConnection, TenantIdentity, TenantUser } from "./types";

export type { RateLimitDecision, RateLimitOptions };

/** Options for {@link LocalTenant.create}. */
export interface LocalTenantOptions {
  /** Origin the tenant is reached at; default `http://localhost:4010`. Its issuer is this plus `/`. */
  readonly baseUrl?: string;
  /** Origin of the app, used for the seeded client's callback and logout URLs; default `http://localhost:3000`. */
  readonly appBaseUrl?: string;
  /** Applications; default: the seeded web app and machine-to-machine client. */
  readonly clients?: readonly TenantClient[];
  /** Accounts; default {@link SEED_ACCOUNTS}. */
  readonly accounts?: readonly SeedAccount[];
  /** Connections; default {@link SEED_CONNECTIONS}. */
  readonly connections?: readonly TenantConnection[];
  /** Identifiers of the tenant's own APIs besides the Management API; default `[LOCAL_APP_API_AUDIENCE]`. */
  readonly apis?: readonly string[];
  /** Clock in epoch milliseconds; default `Date.now`. Inject a frozen clock in tests. */
  readonly now?: () => number;
  /** Management API rate limit; default generous (1000 burst, 1000/s). */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Serve `/__local/faults`, so a person can inject faults over HTTP (see
   * {@link LocalTenant.faults}); default false. `npm run dev` and `npm run tenant` turn it on.
   */
  readonly allowFaultInjection?: boolean;
}

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
  readonly codeChallenge: string;
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
  readonly codeChallenge: string;
  /** The requested `connection`: the page then offers that connection only. */
  readonly connection: string | undefined;
  readonly loginHint: string | undefined;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** One way to sign in, as the login page lists it. */
export interface LoginAccount {
  readonly connection: string;
  readonly connectionDisplayName: string;
  /** `provider|user_id` of the identity. */
  readonly identityId: string;
  readonly email: string;
  readonly name: string;
  /** Root user this identity signs in as (differs from `identityId` once linked). */
  readonly userId: string;
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

/** Scopes Auth0 lets a user's own login request on the Management API audience. */
export const CURRENT_USER_SCOPES: readonly string[] = [
  "read:current_user",
  "update:current_user_identities",
  "create:current_user_metadata",
  "update:current_user_metadata",
  "delete:current_user_metadata",
];

const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Splits `provider|id` on the first `|` only: ids may contain more. */
export function splitUserId(fullId: string): { provider: string; id: string } {
  const bar = fullId.indexOf("|");
  if (bar <= 0) return { provider: "auth0", id: fullId };
  return { provider: fullId.slice(0, bar), id: fullId.slice(bar + 1) };
}

/**
 * A model of an Auth0 tenant kept in memory. State changes as users sign in,
 * link and unlink; it resets when the process restarts.
 */
export class LocalTenant {
  /** Origin, e.g. `http://localhost:4010`. */
  readonly baseUrl: string;
  /** `iss` of every token: the origin plus `/`, as Auth0's issuer. */
  readonly issuer: string;
  /** Audience of the Management API: `{origin}/api/v2/`. */
  readonly managementAudience: string;
  /** Audience added to access tokens that include `openid`. */
  readonly userinfoAudience: string;
  /** Every API a login or client may ask for as audience: the Management API first, then `options.apis`. */
  readonly apiAudiences: readonly string[];

  readonly connections: readonly TenantConnection[];
  readonly clients: readonly TenantClient[];

  /** Single sign-on sessions by `sid`. */
  readonly sessions = new Map<string, SsoSession>();
  /** Authorization codes (single use). */
  readonly codes = new Map<string, AuthorizationCode>();
  /** Refresh tokens. */
  readonly refreshTokens = new Map<string, RefreshGrant>();
  /** Pending logins shown on the login page, by transaction id. */
  readonly loginTransactions = new Map<string, LoginTransaction>();
  /**
   * Every Management API call the tenant answered, oldest first (429s and
   * unknown routes included). Tests count calls from it; empty it with
   * `tenant.requestLog.length = 0`.
   */
  readonly requestLog: ManagementRequestLogEntry[] = [];
  /**
   * Faults to produce on the next matching requests, on every endpoint
   * (Management API, token endpoint, JWKS, …): `tenant.faults.inject({ method: "POST",
   * path: /\/identities$/, kind: "lose_response" })`. See {@link FaultInjector}.
   */
  readonly faults = new FaultInjector();
  /** Whether `/__local/faults` is served (option `allowFaultInjection`). */
  readonly allowFaultInjection: boolean;

  readonly #now: () => number;
  readonly #users = new Map<string, TenantUser>();
  readonly #keys = new SigningKeys();
  readonly #bucket: TokenBucket;
  #createdCount = 0;

  private constructor(options: LocalTenantOptions) {
    this.baseUrl = (options.baseUrl ?? "http://localhost:4010").replace(/\/+$/, "");
    this.issuer = `${this.baseUrl}/`;
    this.managementAudience = `${this.baseUrl}/api/v2/`;
    this.userinfoAudience = `${this.baseUrl}/userinfo`;
    this.apiAudiences = [this.managementAudience, ...(options.apis ?? [LOCAL_APP_API_AUDIENCE])];
    this.connections = options.connections ?? SEED_CONNECTIONS;
    this.clients = options.clients ?? seedClients(options.appBaseUrl ?? "http://localhost:3000", this.managementAudience);
    this.#now = options.now ?? Date.now;
    this.allowFaultInjection = options.allowFaultInjection ?? false;
    this.#bucket = new TokenBucket(options.rateLimit ?? { limit: 1000, perSecond: 1000 }, this.#now());
    for (const account of options.accounts ?? SEED_ACCOUNTS) this.#addSeedAccount(account);
  }

  /** Creates a tenant with fresh RS256 signing keys and the seeded accounts. */
  static async create(options: LocalTenantOptions = {}): Promise<LocalTenant> {
    const tenant = new LocalTenant(options);
    await tenant.rotateSigningKey();
    return tenant;
  }

  /** Current time in epoch milliseconds, from the injected clock. */
  now(): number {
    return this.#now();
  }

  /** Current time in epoch seconds. */
  nowSeconds(): number {
    return Math.floor(this.#now() / 1000);
  }

  // ---------------------------------------------------------------- keys & tokens

  /** Adds a new signing key and signs with it from now on; old keys stay in the JWKS. */
  rotateSigningKey(): Promise<string> {
    return this.#keys.rotate();
  }

  /** The public keys, as served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return this.#keys.jwks();
  }

  /** Signs claims with the current key (RS256), adding `iss`, `iat` and `exp`. */
  signJwt(claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    return this.#keys.sign(this.issuer, claims, this.nowSeconds(), lifetimeSeconds);
  }

  /**
   * Signs claims with the current key under another `iss`. Auth0 signs tokens
   * for a tenant's custom domain and its canonical domain with the same key, so
   * a token can be genuine yet carry another issuer: this reproduces that case.
   */
  signJwtWithIssuer(issuer: string, claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    return this.#keys.sign(issuer, claims, this.nowSeconds(), lifetimeSeconds);
  }

  /**
   * Verifies a token this tenant signed (RS256 only, issuer, expiry by the
   * tenant's clock, and `audience` when given). Returns `null` when it is not valid.
   */
  verifyJwt(token: string, audience?: string): Promise<JWTPayload | null> {
    return this.#keys.verify(token, { now: this.#now(), issuer: this.issuer, ...(audience === undefined ? {} : { audience }) });
  }

  /**
   * Verifies only that this tenant signed a token (RS256, one of its keys) and
   * that it has not expired by the tenant's clock; `iss` and `aud` are left to
   * the caller (the Management API checks a `link_with` token's claims itself,
   * each with its own message). Returns `null` when it is not valid.
   */
  verifyJwtSignature(token: string): Promise<JWTPayload | null> {
    return this.#keys.verify(token, { now: this.#now() });
  }

  /** The ID token Auth0 would issue for this user and client. */
  async issueIdToken(input: {
    userId: string;
    clientId: string;
    scope: string;
    nonce: string | undefined;
    authTime: number;
    sid: string;
  }): Promise<string> {
    const user = this.#users.get(input.userId);
    if (!user) throw new TenantApiError(404, "The user does not exist.", "inexistent_user");
    const scopes = input.scope.split(" ");
    const claims: JWTPayload = { sub: user.user_id, aud: input.clientId, auth_time: input.authTime, sid: input.sid };
    if (input.nonce !== undefined) claims["nonce"] = input.nonce;
    if (scopes.includes("profile")) {
      Object.assign(claims, { name: user.name, nickname: user.nickname, picture: user.picture, updated_at: user.updated_at });
    }
    if (scopes.includes("email")) Object.assign(claims, { email: user.email, email_verified: user.email_verified });
    return this.signJwt(claims, 36_000);
  }

  /**
   * An access token: for a user (`sub` = user id) or a machine-to-machine
   * client (`sub` = `{client_id}@clients`, `gty` = `client-credentials`).
   */
  async issueAccessToken(input: {
    subject: string;
    clientId: string;
    audience: string | undefined;
    scope: string;
    clientCredentials?: boolean;
    lifetimeSeconds?: number;
  }): Promise<string> {
    const scopes = input.scope.split(" ").filter(Boolean);
    const aud: string[] = [];
    if (input.audience) aud.push(input.audience);
    if (scopes.includes("openid")) aud.push(this.userinfoAudience);
    const claims: JWTPayload = {
      sub: input.subject,
      aud: aud.length === 1 ? (aud[0] as string) : aud,
      azp: input.clientId,
      scope: scopes.join(" "),
    };
    if (input.clientCredentials) claims["gty"] = "client-credentials";
    return this.signJwt(claims, input.lifetimeSeconds ?? 86_400);
  }

  /** Scopes granted to a user's login for `audience`: Auth0 drops what a user token may not hold. */
  grantedUserScope(requested: string, audience: string | undefined): string {
    const allowed = new Set(OIDC_SCOPES);
    if (audience === this.managementAudience) for (const scope of CURRENT_USER_SCOPES) allowed.add(scope);
    const granted = requested.split(" ").filter((scope) => allowed.has(scope));
    return [...new Set(granted)].join(" ");
  }

  /** A random opaque value (codes, refresh tokens, session ids). */
  randomToken(): string {
    return randomBytes(24).toString("base64url");
  }

  // ---------------------------------------------------------------- clients & connections

  client(clientId: string): TenantClient | undefined {
    return this.clients.find((client) => client.client_id === clientId);
  }

  connection(name: string): TenantConnection | undefined {
    return this.connections.find((connection) => connection.name === name);
  }

  connectionById(id: string): TenantConnection | undefined {
    return this.connections.find((connection) => connection.id === id);
  }

  // ---------------------------------------------------------------- users

  /** A copy of a root user, or `undefined`. */
  getUser(userId: string): TenantUser | undefined {
    const user = this.#users.get(userId);
    return user ? clone(user) : undefined;
  }

  /** Every root user, copied. */
  listUsers(): TenantUser[] {
    return [...this.#users.values()].map(clone);
  }

  /** Root users whose email is exactly `email` (Auth0's `users-by-email` is case-sensitive). */
  usersByEmail(email: string): TenantUser[] {
    return this.listUsers().filter((user) => user.email === email);
  }

  /** The root user that holds identity `provider|id`, linked or not. */
  findUserByIdentity(provider: string, id: string): TenantUser | undefined {
    for (const user of this.#users.values()) {
      if (user.identities.some((identity) => identity.provider === provider && String(identity.user_id) === id)) {
        return clone(user);
      }
    }
    return undefined;
  }

  /** Every identity a person can sign in with, optionally on one connection. */
  loginAccounts(connection?: string): LoginAccount[] {
    const accounts: LoginAccount[] = [];
    for (const user of this.#users.values()) {
      user.identities.forEach((identity, index) => {
        if (connection !== undefined && identity.connection !== connection) return;
        const profile = index === 0 ? user : identity.profileData;
        accounts.push({
          connection: identity.connection,
          connectionDisplayName: this.connection(identity.connection)?.displayName ?? identity.connection,
          identityId: `${identity.provider}|${identity.user_id}`,
          email: profile?.email ?? "",
          name: profile?.name ?? "",
          userId: user.user_id,
        });
      });
    }
    return accounts.sort((a, b) => a.email.localeCompare(b.email) || a.connection.localeCompare(b.connection));
  }

  /**
   * Creates a standalone user on a connection (the login page's "new account"
   * form). Ids are deterministic in creation order.
   */
  createUser(input: { connection: string; email: string; emailVerified: boolean; name?: string }): TenantUser {
    const connection = this.connection(input.connection);
    if (!connection) throw new TenantApiError(400, `The connection does not exist.`, "inexistent_connection");
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new TenantApiError(400, "Payload validation error: 'Object didn't pass validation for format email: " + email + "' on property email (The user's email).", "invalid_body");
    const taken = this.listUsers().some((user) =>
      user.identities.some((identity) => identity.connection === connection.name && (identity === user.identities[0] ? user.email : identity.profileData?.email) === email),
    );
    if (taken) throw new TenantApiError(409, "The user already exists.", "auth0_idp_error");
    this.#createdCount += 1;
    const n = this.#createdCount;
    let id: string;
    if (connection.provider === "auth0") id = `65b${n.toString(16).padStart(21, "0")}`;
    else if (connection.provider === "github") id = String(2_000_000 + n);
    else id = `2${n.toString().padStart(20, "0")}`;
    const account: SeedAccount = {
      user_id: `${connection.provider}|${id}`,
      connection: connection.name,
      email,
      email_verified: input.emailVerified,
      name: input.name?.trim() || email,
    };
    return clone(this.#addSeedAccount(account));
  }

  /** Records an interactive or silent login (`last_login`, `logins_count`). */
  recordLogin(userId: string): void {
    const user = this.#users.get(userId);
    if (!user) return;
    user.last_login = new Date(this.#now()).toISOString();
    user.logins_count += 1;
  }

  /**
   * Links `secondaryId` (a root user with one identity) into `primaryId`, as
   * Auth0 does: the secondary root user disappears and its metadata is discarded.
   * @returns the primary's identities, primary first.
   * @throws {TenantApiError} with Auth0's status and message for each refusal.
   */
  linkUsers(primaryId: string, secondaryId: string): TenantIdentity[] {
    const primary = this.#users.get(primaryId);
    if (!primary) throw new TenantApiError(404, "The user does not exist.", "inexistent_user");
    if (primaryId === secondaryId) throw new TenantApiError(400, "Main identity and the new one are the same.", "invalid_body");
    const secondary = this.#users.get(secondaryId);
    if (!secondary) {
      const { provider, id } = splitUserId(secondaryId);
      if (this.findUserByIdentity(provider, id)) throw new TenantApiError(409, "Specified identity already exists.", "identity_conflict");
      throw new TenantApiError(400, "Provided secondary account not found.", "invalid_body");
    }
    const [identity, ...others] = secondary.identities;
    if (!identity || others.length > 0) throw new TenantApiError(400, "Unable to link with the secondary account.", "invalid_body");
    const profileData: ProfileData = {
      email: secondary.email,
      email_verified: secondary.email_verified,
      name: secondary.name,
      nickname: secondary.nickname,
      picture: secondary.picture,
    };
    primary.identities.push({ ...identity, profileData });
    primary.updated_at = new Date(this.#now()).toISOString();
    this.#users.delete(secondaryId);
    return clone(primary.identities);
  }

  /**
   * Removes identity `provider|id` from `primaryId` and makes it a standalone
   * user again, without metadata.
   * @returns the remaining identities.
   */
  unlinkIdentity(primaryId: string, provider: string, id: string): TenantIdentity[] {
    const primary = this.#users.get(primaryId);
    if (!primary) throw new TenantApiError(404, "The user does not exist.", "inexistent_user");
    const index = primary.identities.findIndex((identity) => identity.provider === provider && String(identity.user_id) === id);
    if (index === 0) throw new TenantApiError(400, "Main identity cannot be removed.", "operation_not_supported");
    const identity = primary.identities[index];
    if (index < 0 || !identity) throw new TenantApiError(404, "The identity does not exist.", "inexistent_identity");
    primary.identities.splice(index, 1);
    primary.updated_at = new Date(this.#now()).toISOString();
    const profile = identity.profileData;
    this.#addSeedAccount({
      user_id: `${identity.provider}|${identity.user_id}`,
      connection: identity.connection,
      email: profile?.email ?? "",
      email_verified: profile?.email_verified ?? false,
      name: profile?.name ?? "",
    });
    return clone(primary.identities);
  }

  /**
   * Merges `user_metadata` / `app_metadata` one level deep (a `null` value
   * deletes the key) and sets other writable root attributes.
   */
  updateUser(userId: string, patch: { user_metadata?: Record<string, unknown>; app_metadata?: Record<string, unknown>; name?: string; nickname?: string; picture?: string }): TenantUser {
    const user = this.#users.get(userId);
    if (!user) throw new TenantApiError(404, "The user does not exist.", "inexistent_user");
    for (const field of ["user_metadata", "app_metadata"] as const) {
      const changes = patch[field];
      if (!changes) continue;
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) delete user[field][key];
        else user[field][key] = clone(value);
      }
    }
    if (patch.name !== undefined) user.name = patch.name;
    if (patch.nickname !== undefined) user.nickname = patch.nickname;
    if (patch.picture !== undefined) user.picture = patch.picture;
    user.updated_at = new Date(this.#now()).toISOString();
    return clone(user);
  }

  // ---------------------------------------------------------------- rate limit

  /** Changes the Management API token bucket (and refills it). */
  setRateLimit(options: RateLimitOptions): void {
    this.#bucket.reset(options, this.#now());
  }

  /**
   * Takes one token from the Management API bucket.
   * @returns whether the request may proceed, and the `X-RateLimit-*` / `Retry-After` values.
   */
  takeRateLimitToken(): RateLimitDecision {
    return this.#bucket.take(this.#now());
  }

  // ---------------------------------------------------------------- internals

  #addSeedAccount(account: SeedAccount): TenantUser {
    const { provider, id } = splitUserId(account.user_id);
    const connection = this.connection(account.connection);
    const created = new Date(this.#now()).toISOString();
    const nickname = account.email.split("@")[0] ?? account.email;
    const user: TenantUser = {
      user_id: account.user_id,
      email: account.email,
      email_verified: account.email_verified,
      name: account.name,
      nickname,
      picture: `${this.baseUrl}/avatars/${encodeURIComponent(account.name || account.email)}.svg`,
      created_at: created,
      updated_at: created,
      logins_count: 0,
      identities: [
        {
          connection: account.connection,
          provider,
          user_id: provider === "github" && /^\d+$/.test(id) ? Number(id) : id,
          isSocial: connection?.isSocial ?? provider !== "auth0",
        },
      ],
      user_metadata: clone(account.user_metadata ?? {}),
      app_metadata: clone(account.app_metadata ?? {}),
    };
    this.#users.set(user.user_id, user);
    return user;
  }
}
