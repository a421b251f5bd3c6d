/**
 * What an app mounts: route handlers, the pages' session read and the
 * Settings page's data, and its proxy, over the services built from its
 * settings. {@link setupAccountLinking} returns it; tests build one over
 * services they hold.
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { cookies, headers } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { chooseLocale, type LocaleOptions } from "../i18n";
import { DEFAULT_SESSION_COOKIE, sessionCookieDigest } from "../session/cookie";
import { promptAfterSignIn, type LinkPromptData } from "../linking/prompt";
import { readPageSession } from "../session/memo";
import { isRevokedSession } from "../session/revocations";
import { signOutIfRevoked } from "../session/revoked-session";
import { rememberSessionRolled } from "../session/rolling";
import { sdkCallbackPath, sdkSessionConfig } from "../session/sdk-config";
import { refreshAccessTokenForPages } from "../session/token-refresh";
import { linkedAccountsData, type LinkedAccountsData } from "../settings/linked-accounts-data";
import { routesOver, type LinkingRoutes } from "./routes";
import type { Services } from "./services";

/** Account linking for one app; see {@link setupAccountLinking}. Its methods may be exported directly as route handlers. */
export interface AccountLinkingSetup {
  /** `POST /link/start` (`app/link/start/route.ts`: `export const POST = accountLinking.start`). */
  readonly start: (request: NextRequest) => Promise<NextResponse>;
  /** `GET /link/callback`: register `{APP_BASE_URL}/link/callback` in the application's Allowed Callback URLs. */
  readonly callback: (request: NextRequest) => Promise<NextResponse>;
  /** `POST /link/unlink`: unlinks with the user's own token, after a recent sign-in. */
  readonly unlink: (request: NextRequest) => Promise<NextResponse>;
  /** `GET`/`POST /link/report`: a notice's "This wasn't me" (see README, "Notices and 'This wasn't me'"). */
  readonly report: (request: NextRequest) => Promise<NextResponse>;
  /** `GET`/`POST /link/prompt`: the link at sign-in (LINK_PROMPT_AT_SIGN_IN; README, "Link at sign-in"). */
  readonly prompt: (request: NextRequest) => Promise<NextResponse>;
  /**
   * The three routes above in one file, `app/link/[action]/route.ts`:
   * `export const { GET, POST } = accountLinking.routes`. The last path
   * segment picks the route: `GET …/callback`, `POST …/start`, `POST …/unlink`;
   * another method on a known action answers 405 (with `Allow`), an unknown
   * action 404.
   */
  readonly routes: LinkingRoutes;
  /**
   * For the Settings page, a Server Component: the signed-in user's identities
   * (`GET /api/v2/users/{id}` with their own token, cached 30 s), or `null`
   * when nobody is signed in (redirect to the login then). A failed read is
   * a value (`result.ok === false`), never thrown. The session is read as
   * {@link AccountLinkingSetup.getSession} reads it.
   */
  readonly loadLinkedAccounts: () => Promise<LinkedAccountsData | null>;
  /**
   * For the link at sign-in's page (`linkPromptPage` from
   * `auth0-account-linking/ui`): the offer the sign-in found, read from its
   * sealed cookie for the signed-in user (`prompt: null` when there is none).
   */
  readonly loadLinkPrompt: () => Promise<LinkPromptData>;
  /**
   * For any Server Component: the signed-in session (`auth0.getSession()` for
   * the request's cookies), or `null`. Decrypted at most once per 15 s for the
   * same session cookies, process-wide (lib/session/memo.ts); on every call
   * when the SDK client's answer depends on more than the cookie (a stateful
   * `sessionStore`, a domain resolver).
   */
  readonly getSession: () => Promise<SessionData | null>;
  /**
   * The whole `proxy.ts` (Next.js 16; `middleware.ts` before):
   * `export function proxy(request: NextRequest) { return accountLinking.proxy(request); }`.
   * Runs `auth0.middleware(request)` (the SDK's `/auth/*` routes and the
   * session), then {@link AccountLinkingSetup.refreshAccessToken}, then, when
   * the SDK rolled the session, remembers when in the `__session_rolled` cookie,
   * so that `linkingAuth0Options`'s hook rolls it at most every 5 minutes.
   * A `GET /settings` without any session cookie is sent to
   * `/auth/login?returnTo=/settings` here, with a real HTTP redirect: the
   * page, which streams, can only redirect with a refresh.
   * @throws {ConfigError} (as a rejection) naming every missing or malformed setting.
   */
  readonly proxy: (request: NextRequest) => Promise<NextResponse>;
  /**
   * For a `proxy.ts` of the app's own, after `auth0.middleware(request)`:
   * refreshes the user's access token near expiry on `/settings`, where a
   * page cannot save it. {@link AccountLinkingSetup.proxy} includes it.
   */
  readonly refreshAccessToken: (request: NextRequest, response: NextResponse) => Promise<NextResponse>;
  /**
   * For a `proxy.ts` of the app's own, after `auth0.middleware(request)`: sends
   * a completed sign-in through `/link/prompt` (the link at sign-in), else
   * returns `response` as it is. {@link AccountLinkingSetup.proxy} includes it.
   */
  readonly promptAfterSignIn: (request: NextRequest, response: NextResponse) => NextResponse;
  /** Everything built from the settings (Management API client, throttle, cache, …), built on first call. */
  readonly services: () => Services;
  /** The setup's `locale` and `messages` (read by `linkedAccountsPage` for its placeholder). */
  readonly localeOptions: LocaleOptions;
  /**
   * The locale the Settings section speaks for a request with this
   * `Accept-Language`, as `<LinkedAccounts>` chooses it: for the app's own
   * words and its `<html lang>`. Reads no setting.
   * @example const lang = accountLinking.chooseLocale((await headers()).get("accept-language"));
   */
  readonly chooseLocale: (acceptLanguage: string | null | undefined) => string;
}

/**
 * The {@link AccountLinkingSetup} over `services`, which is called on each
 * request (it builds the services on first use), worded by `localeOptions`.
 */
export function accountLinkingFrom(services: () => Services, localeOptions: LocaleOptions = {}): AccountLinkingSetup {
  const handlers = {
    // async: a missing setting (thrown on first use) rejects the handler's promise like any other failure.
    start: async (request: NextRequest) => services().linking.start(request),
    callback: async (request: NextRequest) => services().linking.callback(request),
    unlink: async (request: NextRequest) => services().linking.unlink(request),
    report: async (request: NextRequest) => services().linking.report(request),
    prompt: async (request: NextRequest) => services().linking.prompt(request),
  };
  const getSession = async (): Promise<SessionData | null> => {
    const { auth0, sessionRevocations } = services();
    const session = await readPageSession(auth0);
    // A session ended by "This wasn't me" is no session, even where a team's own proxy let it through.
    return session && (await isRevokedSession(session, sessionRevocations)) ? null : session;
  };
  const promptAfterSignInOf = (request: NextRequest, response: NextResponse): NextResponse => {
    const { auth0, config, linking } = services();
    const promptPath = linking.promptPath;
    if (!promptPath) return response;
    return promptAfterSignIn(request, response, {
      appOrigin: new URL(config.appBaseUrl).origin,
      sdkCallback: sdkCallbackPath(auth0),
      prompt: promptPath,
      sessionCookie: sdkSessionConfig(auth0).cookieName ?? DEFAULT_SESSION_COOKIE,
    });
  };
  const refreshAccessToken = async (request: NextRequest, response: NextResponse): Promise<NextResponse> => {
    const { auth0, logger, config } = services();
    // The SDK's own routes manage the session themselves.
    if (request.nextUrl.pathname.startsWith("/auth/")) return response;
    return refreshAccessTokenForPages(request, response, { auth0, pages: [SETTINGS_PATH], logger, secure: config.appBaseUrl.startsWith("https://") });
  };
  return {
    ...handlers,
    routes: routesOver(handlers),
    getSession,
    loadLinkedAccounts: async () => {
      const built = services();
      const session = await getSession();
      if (!session) return null;
      const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
      return linkedAccountsData(built, session.user, async () => (await built.auth0.getAccessToken()).token, cookieStore, headerStore.get("accept-language"));
    },
    loadLinkPrompt: async () => {
      const { linking } = services();
      const [session, cookieStore, headerStore] = await Promise.all([getSession(), cookies(), headers()]);
      return {
        prompt: session ? await linking.linkPrompt(cookieStore, session.user.sub) : null,
        action: linking.promptPath ?? "/link/prompt",
        localeChoice: { ...(localeOptions.locale ? { locale: localeOptions.locale } : {}), acceptLanguage: headerStore.get("accept-language"), messages: [localeOptions.messages] },
      };
    },
    proxy: async (request) => {
      const { auth0, config, sessionRevocations, logger } = services();
      const revoked = await signOutIfRevoked(request, { auth0, revocations: sessionRevocations, logger });
      if (revoked) return revoked;
      const signedOut = signedOutOnSettings(request, sdkSessionConfig(auth0).cookieName);
      if (signedOut) return signedOut;
      const { cookieName } = sdkSessionConfig(auth0);
      const response = await refreshAccessToken(request, await auth0.middleware(request));
      // Under the cookie name the SDK client actually writes (session.cookie.name).
      rememberSessionRolled(response, cookieName, config.appBaseUrl.startsWith("https://"));
      // The link at sign-in: a completed sign-in goes through /link/prompt first.
      return promptAfterSignInOf(request, response);
    },
    promptAfterSignIn: promptAfterSignInOf,
    refreshAccessToken,
    services,
    localeOptions,
    chooseLocale: (acceptLanguage) =>
      chooseLocale({ locale: localeOptions.locale, acceptLanguage, messages: [localeOptions.messages] }),
  };
}

/**
 * The redirect to the SDK's login for a signed-out `GET /settings` (no
 * session cookie at all; a cookie that does not decrypt is the page's to
 * judge), or `null`. Unknown cookie name: `null`, the page decides.
 */
function signedOutOnSettings(request: NextRequest, cookieName: string | null): NextResponse | null {
  if (request.method !== "GET" || request.nextUrl.pathname !== SETTINGS_PATH || cookieName === null) return null;
  if (sessionCookieDigest(request, cookieName) !== null) return null;
  const login = new URL("/auth/login", request.nextUrl);
  login.searchParams.set("returnTo", SETTINGS_PATH);
  return NextResponse.redirect(login, 307);
}

/** Where the Linked accounts page is (the token refresh and the signed-out redirect apply there). */
const SETTINGS_PATH = "/settings";
