/**
 * The validated settings account linking runs on, as {@link loadConfig}
 * (lib/config/load-config.ts) builds them from the environment. A type of its
 * own so that the readers of each setting (lib/config/parse.ts) and
 * everything built from the settings depend on it, not on the loader.
 */
/** Validated settings for the app. */
export interface AppConfig {
  /** Where the app is served, e.g. `http://localhost:3000` (no trailing slash). */
  readonly appBaseUrl: string;
  readonly auth0: {
    /** Tenant origin: `https://tenant.eu.auth0.com`, or `http://localhost:PORT` for the local tenant. */
    readonly origin: string;
    /** What the SDK's `domain` option receives: the bare host for https, the origin for a local tenant. */
    readonly domain: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** Secret that encrypts the session and transaction cookies. */
    readonly secret: string;
    /** The Management API's audience and base URL: `{origin}/api/v2/`. */
    readonly managementAudience: string;
    /** True only for a `http://localhost:PORT` tenant: enables the SDK's `allowInsecureRequests`. */
    readonly isLocalTenant: boolean;
    /** Deadline for each call to the tenant's token endpoint and Management API, in ms (AUTH0_HTTP_TIMEOUT_MS, default 5000). */
    readonly httpTimeoutMs: number;
    /**
     * A machine-to-machine application authorised for the Management API
     * (AUTH0_M2M_CLIENT_ID / AUTH0_M2M_CLIENT_SECRET, both or neither); `null`
     * when none is configured. Its token never leaves the server.
     */
    readonly machineClient: { readonly clientId: string; readonly clientSecret: string } | null;
    /** The app's own API identifier the primary login asks for in `server_side` mode (AUTH0_AUDIENCE); `null`: none. */
    readonly audience: string | null;
  };
  readonly linking: {
    /** Connections offered on Settings, e.g. `["github", "google-oauth2"]`. */
    readonly connections: readonly string[];
    /** Link accounts whose email is not verified (default false). */
    readonly allowUnverifiedEmails: boolean;
    /** Unlinking needs a sign-in at most this many minutes old (default 10); older ones sign in again first. */
    readonly unlinkMaxSignInAgeMinutes: number;
    /**
     * Linking (adding a way to sign in) needs a sign-in at most this many minutes old
     * (LINK_MAX_SIGN_IN_AGE_MINUTES, default 10); older ones sign in again as the primary first.
     */
    readonly linkMaxSignInAgeMinutes: number;
    /**
     * Keep the other account's metadata when linking (LINK_MERGE_METADATA=true;
     * needs the machine-to-machine client): `recoveryDirectory`
     * (LINK_METADATA_RECOVERY_DIR, default `.data/metadata-recovery`) keeps it
     * until the primary holds it; with REDIS_URL, Redis keeps it for
     * `recoveryRetentionDays` (LINK_METADATA_RECOVERY_RETENTION_DAYS, default
     * 30) and the directory only when Redis cannot. `null`: off (Auth0 discards it).
     */
    readonly mergeMetadata: { readonly recoveryDirectory: string; readonly recoveryRetentionDays: number } | null;
    /**
     * LINK_MODE: `link_with` (default) links with the user's own Management API token;
     * `server_side` with the machine-to-machine token, so the primary login may ask for the app's own API instead.
     */
    readonly mode: "link_with" | "server_side";
    /** LINK_SUGGESTION_TRUSTED_CONNECTIONS: suggestions only for a primary on one of these, whose `email_verified` is trusted (see lib/settings/trusted-connections.ts). */
    readonly suggestionTrustedConnections: readonly string[];
    /**
     * LINK_PROMPT_AT_SIGN_IN=true: right after sign-in, offer to join the new
     * sign-in to an older account with the same verified email (a trusted
     * connection's, as for suggestions); needs the machine-to-machine client.
     */
    readonly promptAtSignIn: boolean;
  };
  readonly throttle: {
    /** Link starts, and separately unlinks, each user may make per minute (sliding window; default 5). */
    readonly attemptsPerMinute: number;
    /** Redis that every instance shares the counts through; `null` counts in each process's memory. */
    readonly redisUrl: string | null;
  };
  /**
   * Email notices of every new and removed sign-in (lib/notices): `smtpUrl`
   * (SMTP_URL, `smtp://` or `smtps://`, may hold a password: never logged) and
   * `mailFrom` (MAIL_FROM, `address` or `Name <address>`). `null`: notices are
   * off (no SMTP_URL); start-up says so outside the local tenant.
   */
  readonly notices: { readonly smtpUrl: string; readonly mailFrom: string } | null;
}
