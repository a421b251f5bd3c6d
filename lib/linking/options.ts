/**
 * Options of the account-linking library, with their defaults resolved once.
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { after, type NextRequest, type NextResponse } from "next/server";
import type { LocaleOptions } from "../i18n";
import type { Logger } from "../util/log";
import type { ManagementClient } from "../management/client";
import type { MachineTokenSource } from "../management/machine-token";
import type { UserCache } from "../management/user-cache";
import { createMemoryThrottle, type AttemptThrottle } from "../throttle";
import { createConnectionStrategies, type ConnectionStrategies } from "./connection-binding";
import { createIdTokenVerifier, type IdTokenVerifier } from "./id-token";
import type { MetadataRecoveryStore } from "./metadata-recovery";
import { createManagementAccess, type LinkMode, type ManagementAccess } from "./management-access";
import { createMemoryReplayGuard, type ReplayGuard, type TransactionOptions } from "./transaction";
import { authorizationServer, issuerOf, type TenantOptions } from "./tenant";
import type { NoticeSender } from "./report/notice";
import { resolveReportOptions, type ReportContext, type ReportOptions } from "./report/report-context";
import { resolvePromptOptions, type PromptContext, type PromptOptions } from "./prompt/prompt-context";

/** What the linking routes need from the app's suggestions (see lib/settings/suggest-accounts.ts). */
export interface SuggestionLookup {
  /** The suggestion `suggestedId` of `primarySub`, if it is cached; must make no call. */
  find(primarySub: string, suggestedId: string): Promise<{ readonly connection: string; readonly email: string } | undefined>;
  /** Forgets `primarySub`'s suggestions after a link or unlink. */
  forget(primarySub: string): Promise<void>;
}

/** The primary session, as `@auth0/nextjs-auth0` v4's `Auth0Client` provides it. */
export interface PrimarySession {
  getSession(request: NextRequest): Promise<SessionData | null>;
  getAccessToken(request: NextRequest, response: NextResponse): Promise<{ token: string }>;
  /** Writes `session` (the request's own, changed) into `response`: a fresh sign-in's `auth_time`. */
  updateSession(request: NextRequest, response: NextResponse, session: SessionData): Promise<void>;
}

/** Options for {@link createAccountLinking}. */
export interface AccountLinkingOptions {
  /** The primary session: an `Auth0Client` from `@auth0/nextjs-auth0/server`. */
  readonly session: PrimarySession;
  /** Management API client; it is given the user's token, or in `server_side` mode the machine token. */
  readonly management: ManagementClient;
  /**
   * How accounts are linked; default `link_with`: with the user's own access
   * token, so the primary login must ask for the Management API as audience.
   * `server_side`, for apps whose login asks for their own API: every
   * Management API call (link, unlink, the reads) uses {@link AccountLinkingOptions.machineToken},
   * and the link sends `{provider, user_id}` from the verified ID token.
   * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
   */
  readonly mode?: LinkMode;
  /**
   * Required when `mode` is `server_side`: a machine-to-machine application's
   * tokens (`createMachineTokenSource`), authorised for the Management API with
   * `read:users update:users`. It never reaches the browser. In either mode,
   * also what learns the strategy of an offered connection not named after it
   * (`read:connections`; see ./connection-binding).
   */
  readonly machineToken?: MachineTokenSource;
  /** The tenant and the application (the same client id as the primary login). */
  readonly tenant: TenantOptions;
  /** The app's origin, e.g. `https://app.example.com`. */
  readonly appBaseUrl: string;
  /** Encrypts the transaction cookie; at least 32 characters. */
  readonly transactionSecret: string;
  /** Connections users may link, e.g. `["github", "google-oauth2"]`. */
  readonly connections: readonly string[];
  /** Link accounts whose email is not verified; default false (refused, with a reason). */
  readonly allowUnverifiedEmails?: boolean;
  /** How long a started link may take, in seconds; default 600. */
  readonly transactionTtlSeconds?: number;
  /** Paths in the app; defaults: `/link/callback`, `/settings`, `/auth/login`. */
  readonly paths?: { readonly callback?: string; readonly settings?: string; readonly login?: string };
  readonly logger: Logger;
  /** Used for the code exchange and the JWKS; default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** Deadline for calls to the tenant's token endpoint, in ms; default 5000. */
  readonly timeoutMs?: number;
  /**
   * Limits each user's link starts (key `link:{sub}`) and unlinks (`unlink:{sub}`);
   * a refused attempt ends as `throttled` without reaching Auth0. Default: 5 of
   * each per minute, counted in this process's memory.
   */
  readonly throttle?: AttemptThrottle;
  /** Unlinking needs a primary sign-in (`auth_time`) at most this old, in seconds; default 600. Older: sign in again first. */
  readonly unlinkMaxSignInAgeSeconds?: number;
  /**
   * Linking needs a primary sign-in (`auth_time`) at most this old, in seconds;
   * default 600. After an older one, `/link/start` first has the person sign in
   * again as the primary (`max_age=0`), then offers to continue the link.
   */
  readonly linkMaxSignInAgeSeconds?: number;
  /** Minimum time between JWKS refetches on an unknown `kid`, in ms; default 30000 (see {@link createIdTokenVerifier}). */
  readonly jwksCooldownMs?: number;
  /**
   * The cache Settings reads users from: a link or unlink writes the identities
   * its answer returned into it at once, and drops the user when the outcome is
   * unknown. Default: none.
   */
  readonly userCache?: UserCache;
  /**
   * The app's suggested accounts (same verified email): `/link/start` takes a
   * suggestion's `login_hint` from them, and a link or unlink forgets the
   * user's. Default: none (a `suggested` form field is still checked).
   */
  readonly suggestions?: SuggestionLookup;
  /**
   * Remembers the `state` of every callback already answered, so a replay is
   * refused. Default: in this process's memory; with several instances, a
   * shared one (`createRedisReplayGuard`).
   */
  readonly replays?: ReplayGuard;
  /**
   * Keep the other account's `user_metadata` and `app_metadata`, which Auth0
   * discards when it links: read both users before the link (nothing is
   * linked if that fails), link, then PATCH the primary with the other
   * account's top-level keys it lacks (the primary wins on conflicts, one level
   * deep). Until the primary holds them, the metadata is kept in `recovery`,
   * and a PATCH that fails after its retries leaves it there for an operator
   * (logged as `metadata.merge_failed` with its location). Default: off.
   * @see ./merge-metadata
   */
  readonly mergeMetadata?: MetadataMergeOptions;
  /**
   * Sends a notice to the account's verified email after every link and
   * unlink, with a "This wasn't me" button (lib/notices). Needs {@link AccountLinkingOptions.report}.
   * Default: none.
   */
  readonly notices?: NoticeSender;
  /** The "This wasn't me" flow (`/link/report`): see ./report. Default: off (notices then carry no button and none are sent). */
  readonly report?: ReportOptions;
  /**
   * The link at sign-in (`/link/prompt`, ./prompt): after a sign-in whose
   * verified email an older account shares, offer to link the two. The app's
   * proxy must send sign-ins through it (`AccountLinkingSetup.proxy` does).
   * Default: off.
   */
  readonly prompt?: PromptOptions;
  /**
   * Runs work after the response is sent (notices): default Next.js's
   * `after()`, or at once, unawaited, outside a request (scripts, tests).
   */
  readonly defer?: (task: () => Promise<void>) => void;
  /** The words of what the routes answer themselves (the cross-site 403): this `locale`, else the request's `Accept-Language`; `messages` over the catalog. */
  readonly localeOptions?: LocaleOptions;
}

/** What the metadata merge needs (see {@link AccountLinkingOptions.mergeMetadata}). */
export interface MetadataMergeOptions {
  /**
   * Management API tokens of a machine-to-machine application granted
   * `read:users` (to read the other account) and `update:users` (to write
   * `app_metadata`), e.g. `createMachineTokenSource` (lib/management/machine-token).
   */
  readonly machineToken: MachineTokenSource;
  /** Where the metadata waits until the primary holds it, e.g. `createFileRecoveryStore` (./metadata-recovery). */
  readonly recovery: MetadataRecoveryStore;
}

/** Options with defaults applied and per-process state (JWKS cache, replay guard). */
export interface LinkingContext {
  readonly session: PrimarySession;
  readonly management: ManagementClient;
  /** Which token the Management API calls carry and which call links (the mode). */
  readonly access: ManagementAccess;
  readonly tenant: TenantOptions;
  readonly appOrigin: string;
  readonly connections: readonly string[];
  readonly allowUnverifiedEmails: boolean;
  readonly transaction: TransactionOptions;
  readonly callbackUrl: string;
  readonly settingsPath: string;
  readonly loginPath: string;
  readonly logger: Logger;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly timeoutMs: number;
  readonly throttle: AttemptThrottle;
  readonly unlinkMaxSignInAgeSeconds: number;
  readonly linkMaxSignInAgeSeconds: number;
  readonly idTokens: IdTokenVerifier;
  /** The strategies of the offered connections, to bind the second sign-in to the chosen one. */
  readonly connectionStrategies: ConnectionStrategies;
  readonly replays: ReplayGuard;
  readonly userCache: UserCache | null;
  readonly suggestions: SuggestionLookup | null;
  readonly mergeMetadata: MetadataMergeOptions | null;
  readonly notices: NoticeSender | null;
  readonly report: ReportContext | null;
  /** The link at sign-in, or `null` when it is off. */
  readonly prompt: PromptContext | null;
  /** `/link/prompt`: beside the callback. */
  readonly promptPath: string;
  readonly defer: (task: () => Promise<void>) => void;
  readonly localeOptions: LocaleOptions;
}

/** Next.js's `after()`, which needs a request scope; outside one (a script, a test calling a handler), the task runs at once. */
function afterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}

/**
 * Resolves defaults and creates the per-process state.
 * @throws {Error} when `transactionSecret` is short, or `mode` is `server_side` without `machineToken`.
 */
export function resolveOptions(options: AccountLinkingOptions): LinkingContext {
  if (options.transactionSecret.length < 32) throw new Error("transactionSecret must be at least 32 characters.");
  const appOrigin = new URL(options.appBaseUrl).origin;
  const callbackPath = options.paths?.callback ?? "/link/callback";
  // The linking routes' parent path (`/link`): the transaction cookie's path, and where `/link/prompt` is.
  const linkRoutesPath = callbackPath.replace(/\/[^/]*$/, "") || "/";
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  return {
    session: options.session,
    management: options.management,
    access: createManagementAccess({
      mode: options.mode ?? "link_with",
      management: options.management,
      machineToken: options.machineToken ?? null,
      logger: options.logger,
    }),
    tenant: options.tenant,
    appOrigin,
    connections: options.connections,
    allowUnverifiedEmails: options.allowUnverifiedEmails ?? false,
    transaction: {
      secret: options.transactionSecret,
      ttlSeconds: options.transactionTtlSeconds ?? 600,
      secure: appOrigin.startsWith("https://"),
      // The start and callback routes share a parent path; no other request carries the cookie.
      path: linkRoutesPath,
    },
    callbackUrl: `${appOrigin}${callbackPath}`,
    settingsPath: options.paths?.settings ?? "/settings",
    loginPath: options.paths?.login ?? "/auth/login",
    logger: options.logger,
    fetch: doFetch,
    now,
    timeoutMs: options.timeoutMs ?? 5000,
    throttle: options.throttle ?? createMemoryThrottle({ limit: 5, windowMs: 60_000, now }),
    unlinkMaxSignInAgeSeconds: options.unlinkMaxSignInAgeSeconds ?? 600,
    linkMaxSignInAgeSeconds: options.linkMaxSignInAgeSeconds ?? 600,
    idTokens: createIdTokenVerifier({
      issuer: issuerOf(options.tenant),
      clientId: options.tenant.clientId,
      jwksUri: authorizationServer(options.tenant).jwks_uri ?? `${options.tenant.origin}/.well-known/jwks.json`,
      fetch: doFetch,
      now,
      ...(options.jwksCooldownMs === undefined ? {} : { jwksCooldownMs: options.jwksCooldownMs }),
    }),
    connectionStrategies: createConnectionStrategies({
      management: options.management,
      machineToken: options.machineToken ?? options.mergeMetadata?.machineToken ?? null,
      logger: options.logger,
    }),
    replays: options.replays ?? createMemoryReplayGuard(),
    userCache: options.userCache ?? null,
    suggestions: options.suggestions ?? null,
    mergeMetadata: options.mergeMetadata ?? null,
    notices: options.notices ?? null,
    report: options.report ? resolveReportOptions(options.report, options.transactionSecret, now) : null,
    prompt: options.prompt ? resolvePromptOptions(options.prompt, { management: options.management, logger: options.logger }) : null,
    promptPath: `${linkRoutesPath === "/" ? "" : linkRoutesPath}/prompt`,
    defer: options.defer ?? afterResponse,
    localeOptions: options.localeOptions ?? {},
  };
}
