/**
 * The composition of the linking library: one call gives the route handlers
 * an app mounts.
 */
import { NextResponse, type NextRequest } from "next/server";
import { finishLink } from "./finish-link";
import { resolveOptions, type AccountLinkingOptions } from "./options";
import { isRecentSignIn, type SignedInUser } from "./recent-sign-in";
import { startLink } from "./start-link";
import { showReport, startReport } from "./report/start-report";
import { unlinkIdentity } from "./unlink-identity";
import { answerPrompt, readLinkPrompt, showPrompt, type LinkPromptView } from "./prompt";
import { redirectOnward } from "./prompt/prompt-responses";
import { safeReturnTo } from "./request-guards";
import { readUnlinkedNotice, type CookieReader } from "./unlink-notice";

/** Route handlers for account linking. Mount them at `/link/start`, `/link/callback`, `/link/unlink`, `/link/report` and `/link/prompt` (or all through one catch-all route). */
export interface AccountLinking {
  /** `POST /link/start`: form fields `connection`, optional `returnTo` and `suggested` (a suggested account's id: only a sign-in as it can then be linked). */
  start(request: NextRequest): Promise<NextResponse>;
  /** `GET /link/callback`: the second login's redirect URI (register it in Auth0's Allowed Callback URLs). */
  callback(request: NextRequest): Promise<NextResponse>;
  /** `POST /link/unlink`: form field `identity` = `provider|user_id`. */
  unlink(request: NextRequest): Promise<NextResponse>;
  /**
   * `GET /link/report?t=…` (a notice's "This wasn't me" page) and `POST
   * /link/report` (its button): see ./report. 404 when the flow is off
   * (no `report` option).
   */
  report(request: NextRequest): Promise<NextResponse>;
  /**
   * `GET /link/prompt?returnTo=…` (where a sign-in lands first: the prompt,
   * or on to `returnTo`) and `POST /link/prompt` (its buttons): see ./prompt.
   * Without the `prompt` option, a GET goes on to `returnTo` and a POST is 404.
   */
  prompt(request: NextRequest): Promise<NextResponse>;
  /** The prompt the page shows to `sub` (the session's user), from its cookie among `cookies`; `null` when there is none. */
  linkPrompt(cookies: CookieReader, sub: string): Promise<LinkPromptView | null>;
  /** Where sign-ins must be sent after the SDK's callback (`/link/prompt`), or `null` when the link at sign-in is off. */
  readonly promptPath: string | null;
  /**
   * Whether unlinking will first ask `user` (the session's user, with its
   * `auth_time`) to sign in again, because their sign-in is too old or its time unknown.
   */
  unlinkNeedsFreshSignIn(user: SignedInUser): boolean;
  /**
   * Whether linking will first ask `user` to sign in again (as themselves),
   * because their sign-in is too old for adding a way to sign in, or its time unknown.
   */
  linkNeedsFreshSignIn(user: SignedInUser): boolean;
  /**
   * The identity `/link/unlink` just unlinked from `sub` (the session's own
   * user), as its short-lived sealed cookie among `cookies` says (Next.js's
   * `cookies()` in a Server Component); `null` when none. Settings announces
   * "Unlinked …" only for it (`readSettingsNotice`'s `unlinkedIdentity`).
   */
  unlinkedIdentity(cookies: CookieReader, sub: string): Promise<string | null>;
}

/**
 * Creates the account-linking route handlers. Create it once per process: it
 * holds the JWKS cache and the replay guard. The handlers never throw for bad
 * input or a failing tenant: each ends in a 303 to Settings with a closed
 * outcome code ({@link LINK_OUTCOMES}, {@link UNLINK_OUTCOMES}) and a log line.
 *
 * @throws {Error} when `transactionSecret` is shorter than 32 characters or `appBaseUrl` is not a URL.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-account-linking/link-user-accounts
 * @see https://auth0.com/docs/api/management/v2/users/post-identities
 * @example
 * const linking = createAccountLinking({ session: auth0, management, tenant, appBaseUrl, transactionSecret, connections: ["github"], logger });
 * export const POST = linking.start; // app/link/start/route.ts
 */
export function createAccountLinking(options: AccountLinkingOptions): AccountLinking {
  const context = resolveOptions(options);
  return {
    start: (request) => startLink(context, request),
    callback: (request) => finishLink(context, request),
    unlink: (request) => unlinkIdentity(context, request),
    report: async (request) => {
      if (!context.report) return new NextResponse(null, { status: 404 });
      return request.method === "POST" ? startReport(context, context.report, request) : showReport(context, context.report, request);
    },
    prompt: async (request) => {
      if (context.prompt) return request.method === "POST" ? answerPrompt(context, context.prompt, request) : showPrompt(context, context.prompt, request);
      if (request.method === "POST") return new NextResponse(null, { status: 404 });
      return redirectOnward(context, safeReturnTo(request.nextUrl.searchParams.get("returnTo"), context.appOrigin, "/"));
    },
    linkPrompt: (cookies, sub) => readLinkPrompt(context, cookies, sub),
    promptPath: context.prompt ? context.promptPath : null,
    unlinkNeedsFreshSignIn: (user) => !isRecentSignIn(context, user, "unlink"),
    linkNeedsFreshSignIn: (user) => !isRecentSignIn(context, user, "link"),
    unlinkedIdentity: (cookies, sub) => readUnlinkedNotice(context, cookies, sub),
  };
}
