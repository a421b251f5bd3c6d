/**
 * What an app mounts: route handlers, the Settings page's data and the
 * proxy's token refresh, over the services built from its settings. Shared by
 * {@link setupAccountLinking} (an embedding app) and lib/setup/services.ts (this app).
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { refreshAccessTokenForPages } from "../session/token-refresh";
import type { CookieReader } from "../linking/unlink-notice";
import type { ManagementResult, ManagementUser } from "../management/types";
import type { Services } from "./services";
import { readPageSession } from "../session/memo";
import { loadLinkedAccounts } from "../settings/load-linked-accounts";
import type { SuggestedAccount } from "../settings/suggest-accounts";

/** What the Settings page passes to `<LinkedAccounts>` (with its `searchParams`). */
export interface LinkedAccountsData {
  /** The signed-in user with their identities, or why they could not be read. */
  readonly result: ManagementResult<ManagementUser>;
  /** The connections offered (`LINK_CONNECTIONS`). */
  readonly connections: readonly string[];
  /** Whether unlinking will first ask for a fresh sign-in. */
  readonly unlinkNeedsFreshSignIn: boolean;
  /** Whether linking will first ask for a fresh sign-in (as the signed-in user). */
  readonly linkNeedsFreshSignIn: boolean;
  /** Other accounts with the user's verified email (none without a machine-to-machine client). */
  readonly suggestions: readonly SuggestedAccount[];
  /**
   * The identity `/link/unlink` just unlinked from this user (its sealed
   * cookie says so), or `null`: Settings announces "Unlinked …" only for it,
   * since the URL alone can be crafted. Spread into `<LinkedAccounts>` with the rest.
   */
  readonly unlinkedIdentity?: string | null;
}

/** Account linking for one app; see {@link setupAccountLinking}. Its methods may be exported directly as route handlers. */
export interface AccountLinkingSetup {
  /** `POST /link/start` (`app/link/start/route.ts`: `export const POST = accountLinking.start`). */
  readonly start: (request: NextRequest) => Promise<NextResponse>;
  /** `GET /link/callback`: register `{APP_BASE_URL}/link/callback` in the application's Allowed Callback URLs. */
  readonly callback: (request: NextRequest) => Promise<NextResponse>;
  /** `POST /link/unlink`: unlinks with the user's own token, after a recent sign-in. */
  readonly unlink: (request: NextRequest) => Promise<NextResponse>;
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
   * a value (`result.ok === false`), never thrown. The session cookie is
   * decrypted at most once per 15 s for the same cookie (lib/session/memo.ts).
   */
  readonly loadLinkedAccounts: () => Promise<LinkedAccountsData | null>;
  /**
   * For `proxy.ts`, after `auth0.middleware(request)`: refreshes the user's
   * access token near expiry on `/settings`, where a page cannot save it.
   */
  readonly refreshAccessToken: (request: NextRequest, response: NextResponse) => Promise<NextResponse>;
  /** Everything built from the settings (Management API client, throttle, cache, …), built on first call. */
  readonly services: () => Services;
}

/** Route handlers by HTTP method, for a catch-all `app/link/[action]/route.ts`; see {@link AccountLinkingSetup.routes}. */
export interface LinkingRoutes {
  readonly GET: (request: NextRequest) => Promise<NextResponse>;
  readonly POST: (request: NextRequest) => Promise<NextResponse>;
}

/** Which method each action of the catch-all answers. */
const ACTIONS = { start: "POST", callback: "GET", unlink: "POST" } as const;

function routesOver(handlers: Pick<AccountLinkingSetup, keyof typeof ACTIONS>): LinkingRoutes {
  const route =
    (method: "GET" | "POST") =>
    async (request: NextRequest): Promise<NextResponse> => {
      const action = request.nextUrl.pathname.replace(/\/+$/, "").split("/").pop() ?? "";
      if (!Object.hasOwn(ACTIONS, action)) return new NextResponse(null, { status: 404 });
      const allowed = ACTIONS[action as keyof typeof ACTIONS];
      if (allowed !== method) return new NextResponse(null, { status: 405, headers: { allow: allowed } });
      return handlers[action as keyof typeof ACTIONS](request);
    };
  return { GET: route("GET"), POST: route("POST") };
}

/**
 * What Settings shows `user` (the session's own): their identities read with
 * `accessToken` (or the machine token in server-side mode), the connections
 * offered, whether unlinking asks for a fresh sign-in, suggestions, and the
 * identity the unlink route just unlinked as the request's `cookies` prove it
 * (none without them). The body of {@link AccountLinkingSetup.loadLinkedAccounts}
 * once the session is known; the flow tests call it with a session they hold.
 */
export async function linkedAccountsData(
  services: Services,
  user: SessionData["user"],
  accessToken: () => Promise<string>,
  cookieReader?: CookieReader,
): Promise<LinkedAccountsData> {
  const { management, managementAccess, userCache, logger, linking, config, suggestions } = services;
  // The read carries the user's own token, or the machine token in server-side mode; always of the session's own user.
  const [result, unlinkedIdentity] = await Promise.all([
    loadLinkedAccounts({ management, userCache, logger, access: managementAccess, accessToken }, user.sub),
    // Only for the session's own user: another user's cookie proves nothing here.
    cookieReader ? linking.unlinkedIdentity(cookieReader, user.sub) : null,
  ]);
  // Never fails the page: no machine client, an unverified email or a failed look-up all suggest nothing.
  const suggested = result.ok ? await suggestions.forUser(result.value) : [];
  return {
    result,
    connections: config.linking.connections,
    unlinkNeedsFreshSignIn: linking.unlinkNeedsFreshSignIn(user),
    linkNeedsFreshSignIn: linking.linkNeedsFreshSignIn(user),
    suggestions: suggested,
    unlinkedIdentity,
  };
}

/**
 * The {@link AccountLinkingSetup} over `services`, which is called on each
 * request (it builds the services on first use).
 */
export function accountLinkingFrom(services: () => Services): AccountLinkingSetup {
  const handlers = {
    // async: a missing setting (thrown on first use) rejects the handler's promise like any other failure.
    start: async (request: NextRequest) => services().linking.start(request),
    callback: async (request: NextRequest) => services().linking.callback(request),
    unlink: async (request: NextRequest) => services().linking.unlink(request),
  };
  return {
    ...handlers,
    routes: routesOver(handlers),
    loadLinkedAccounts: async () => {
      const built = services();
      // Decrypted at most once per 15 s for the same cookie (lib/session/memo.ts).
      const session = await readPageSession(built.auth0);
      if (!session) return null;
      return linkedAccountsData(built, session.user, async () => (await built.auth0.getAccessToken()).token, await cookies());
    },
    refreshAccessToken: async (request, response) => {
      const { auth0, logger, config } = services();
      // The SDK's own routes manage the session themselves.
      if (request.nextUrl.pathname.startsWith("/auth/")) return response;
      return refreshAccessTokenForPages(request, response, { auth0, pages: ["/settings"], logger, secure: config.appBaseUrl.startsWith("https://") });
    },
    services,
  };
}
