/**
 * The local tenant: an Auth0 tenant's state kept in memory, and the one
 * object the HTTP faces (OIDC endpoints, Management API, login page) call.
 * It holds the options, the clock and the maps; what it does with users,
 * links and tokens is in users.ts, link-rules.ts and tokens.ts beside it, and
 * the shapes of its sessions, codes and grants in state.ts.
 */
import type { JWK, JWTPayload } from "jose";
import { FaultInjector } from "../faults";
import { TokenBucket, type RateLimitDecision, type RateLimitOptions } from "../rate-limit";
import { LOCAL_APP_API_AUDIENCE, SEED_ACCOUNTS, SEED_CONNECTIONS, seedClients } from "../seed";
import { SigningKeys } from "../signing-keys";
import type { SeedAccount, TenantApi, TenantClient, TenantConnection, TenantIdentity, TenantUser } from "../types";
import * as linkRules from "./link-rules";
import { randomToken, type AuthorizationCode, type LoginTransaction, type ManagementRequestLogEntry, type RefreshGrant, type SsoSession } from "./state";
import * as tokens from "./tokens";
import * as users from "./users";

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
  /**
   * The tenant's own APIs besides the Management API, by identifier or with
   * the scopes each defines; default `[LOCAL_APP_API_AUDIENCE]` (no scopes).
   */
  readonly apis?: readonly (string | TenantApi)[];
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
  readonly #users: users.UserStore;
  readonly #tokens: tokens.TokenAuthority;
  readonly #keys = new SigningKeys();
  readonly #bucket: TokenBucket;
  /** Scopes each of the tenant's own APIs defines, by identifier. */
  readonly #apiScopes: ReadonlyMap<string, readonly string[]>;

  private constructor(options: LocalTenantOptions) {
    this.baseUrl = (options.baseUrl ?? "http://localhost:4010").replace(/\/+$/, "");
    this.issuer = `${this.baseUrl}/`;
    this.managementAudience = `${this.baseUrl}/api/v2/`;
    this.userinfoAudience = `${this.baseUrl}/userinfo`;
    const apis = (options.apis ?? [LOCAL_APP_API_AUDIENCE]).map((api) => (typeof api === "string" ? { identifier: api } : api));
    this.apiAudiences = [this.managementAudience, ...apis.map((api) => api.identifier)];
    this.#apiScopes = new Map(apis.map((api) => [api.identifier, api.scopes ?? []]));
    this.connections = options.connections ?? SEED_CONNECTIONS;
    this.clients = options.clients ?? seedClients(options.appBaseUrl ?? "http://localhost:3000", this.managementAudience);
    this.#now = options.now ?? Date.now;
    this.allowFaultInjection = options.allowFaultInjection ?? false;
    this.#bucket = new TokenBucket(options.rateLimit ?? { limit: 1000, perSecond: 1000 }, this.#now());
    this.#users = { byId: new Map(), baseUrl: this.baseUrl, connections: this.connections, now: this.#now, createdCount: 0 };
    this.#tokens = { keys: this.#keys, issuer: this.issuer, now: this.#now, userinfoAudience: this.userinfoAudience };
    // The seeded accounts signed up in the order listed, a second apart, before the tenant started:
    // which of two accounts is the older one matters (the link at sign-in offers the older).
    const seeds = options.accounts ?? SEED_ACCOUNTS;
    let signedUp = this.#now() - (seeds.length + seeds.reduce((count, account) => count + (account.identities?.length ?? 0), 0)) * 1000;
    for (const account of seeds) {
      users.addAccount(this.#users, account, (signedUp += 1000));
      // A seeded linked identity signs up on its own first, then is linked in, as on Auth0.
      for (const identity of account.identities ?? []) {
        users.addAccount(this.#users, identity, (signedUp += 1000));
        linkRules.linkUsers(this.#users, account.user_id, identity.user_id);
      }
    }
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

  // ---------------------------------------------------------------- keys & tokens (tokens.ts)

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
    return tokens.signJwt(this.#tokens, claims, lifetimeSeconds);
  }

  /**
   * Signs claims with the current key under another `iss`. Auth0 signs tokens
   * for a tenant's custom domain and its canonical domain with the same key, so
   * a token can be genuine yet carry another issuer: this reproduces that case.
   */
  signJwtWithIssuer(issuer: string, claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    return tokens.signJwt(this.#tokens, claims, lifetimeSeconds, issuer);
  }

  /**
   * Verifies a token this tenant signed (RS256 only, issuer, expiry by the
   * tenant's clock, and `audience` when given). Returns `null` when it is not valid.
   */
  verifyJwt(token: string, audience?: string): Promise<JWTPayload | null> {
    return tokens.verifyJwt(this.#tokens, token, { issuer: this.issuer, ...(audience === undefined ? {} : { audience }) });
  }

  /**
   * Verifies only that this tenant signed a token (RS256, one of its keys) and
   * that it has not expired by the tenant's clock; `iss` and `aud` are left to
   * the caller (the Management API checks a `link_with` token's claims itself,
   * each with its own message). Returns `null` when it is not valid.
   */
  verifyJwtSignature(token: string): Promise<JWTPayload | null> {
    return tokens.verifyJwt(this.#tokens, token);
  }

  /** The ID token Auth0 would issue for this user and client. */
  async issueIdToken(input: tokens.IdTokenRequest): Promise<string> {
    return tokens.issueIdToken(this.#tokens, users.requireUser(this.#users, input.userId), input);
  }

  /**
   * An access token: for a user (`sub` = user id) or a machine-to-machine
   * client (`sub` = `{client_id}@clients`, `gty` = `client-credentials`).
   */
  issueAccessToken(input: tokens.AccessTokenRequest): Promise<string> {
    return tokens.issueAccessToken(this.#tokens, input);
  }

  /** Scopes granted to a user's login for `audience`: Auth0 drops what a user token may not hold. */
  grantedUserScope(requested: string, audience: string | undefined): string {
    return tokens.grantedUserScope(requested, audience, this.managementAudience, audience === undefined ? [] : this.#apiScopes.get(audience));
  }

  /** A random opaque value (codes, refresh tokens, session ids). */
  randomToken(): string {
    return randomToken();
  }

  // ---------------------------------------------------------------- clients & connections

  client(clientId: string): TenantClient | undefined {
    return this.clients.find((client) => client.client_id === clientId);
  }

  connection(name: string): TenantConnection | undefined {
    return users.connectionNamed(this.connections, name);
  }

  connectionById(id: string): TenantConnection | undefined {
    return this.connections.find((connection) => connection.id === id);
  }

  // ---------------------------------------------------------------- users (users.ts, link-rules.ts)

  /** A copy of a root user, or `undefined`. */
  getUser(userId: string): TenantUser | undefined {
    return users.getUser(this.#users, userId);
  }

  /** Every root user, copied. */
  listUsers(): TenantUser[] {
    return users.listUsers(this.#users);
  }

  /** Root users whose email is exactly `email` (Auth0's `users-by-email` is case-sensitive). */
  usersByEmail(email: string): TenantUser[] {
    return users.usersByEmail(this.#users, email);
  }

  /** The root user that holds identity `provider|id`, linked or not. */
  findUserByIdentity(provider: string, id: string): TenantUser | undefined {
    return users.findUserByIdentity(this.#users, provider, id);
  }

  /** Every identity a person can sign in with, optionally on one connection. */
  loginAccounts(connection?: string): users.LoginAccount[] {
    return users.loginAccounts(this.#users, connection);
  }

  /**
   * Creates a standalone user on a connection (the login page's "new account"
   * form). Ids are deterministic in creation order.
   */
  createUser(input: users.NewUser): TenantUser {
    return users.createUser(this.#users, input);
  }

  /** Records an interactive or silent login (`last_login`, `logins_count`). */
  recordLogin(userId: string): void {
    users.recordLogin(this.#users, userId);
  }

  /**
   * Links `secondaryId` (a root user with one identity) into `primaryId`, as
   * Auth0 does: the secondary root user disappears and its metadata is discarded.
   * @returns the primary's identities, primary first.
   * @throws {TenantApiError} with Auth0's status and message for each refusal.
   */
  linkUsers(primaryId: string, secondaryId: string): TenantIdentity[] {
    return linkRules.linkUsers(this.#users, primaryId, secondaryId);
  }

  /**
   * Removes identity `provider|id` from `primaryId` and makes it a standalone
   * user again, without metadata.
   * @returns the remaining identities.
   */
  unlinkIdentity(primaryId: string, provider: string, id: string): TenantIdentity[] {
    return linkRules.unlinkIdentity(this.#users, primaryId, provider, id);
  }

  /**
   * Ends every single sign-on session of `userId` on the tenant (Auth0's
   * `DELETE /api/v2/users/{id}/sessions`): its next `/authorize` shows the
   * login page. Refresh tokens stay, as on Auth0: {@link revokeRefreshTokens}.
   * @returns how many sessions ended.
   * @throws {TenantApiError} 404 `inexistent_user`.
   */
  revokeSessions(userId: string): number {
    users.requireUser(this.#users, userId);
    let ended = 0;
    for (const [sid, session] of this.sessions) {
      if (session.userId !== userId) continue;
      this.sessions.delete(sid);
      ended++;
    }
    return ended;
  }

  /**
   * Revokes every refresh token issued to `userId`, for any application
   * (Auth0's `DELETE /api/v2/users/{id}/refresh-tokens`): each is then refused
   * with `invalid_grant`.
   * @returns how many were revoked.
   * @throws {TenantApiError} 404 `inexistent_user`.
   */
  revokeRefreshTokens(userId: string): number {
    users.requireUser(this.#users, userId);
    let revoked = 0;
    for (const [token, grant] of this.refreshTokens) {
      if (grant.userId !== userId) continue;
      this.refreshTokens.delete(token);
      revoked++;
    }
    return revoked;
  }

  /**
   * Merges `user_metadata` / `app_metadata` one level deep (a `null` value
   * deletes the key) and sets other writable root attributes.
   */
  updateUser(userId: string, patch: users.UserPatch): TenantUser {
    return users.updateUser(this.#users, userId, patch);
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
}
