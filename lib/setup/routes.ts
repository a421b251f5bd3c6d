/**
 * The catch-all route file's handlers, `app/link/[action]/route.ts`: the last
 * path segment picks the linking route, in the shape of better-auth's
 * `toNextJsHandler` (`{ GET, POST }`), plus 404 for an unknown action and 405
 * (with `Allow`) for another method on a known one.
 */
import { NextResponse, type NextRequest } from "next/server";

/** Route handlers by HTTP method, for a catch-all `app/link/[action]/route.ts`; see `AccountLinkingSetup.routes` (lib/setup/mount.ts). */
export interface LinkingRoutes {
  readonly GET: (request: NextRequest) => Promise<NextResponse>;
  readonly POST: (request: NextRequest) => Promise<NextResponse>;
}

/** Which methods each action of the catch-all answers. */
const ACTIONS = { start: ["POST"], callback: ["GET"], unlink: ["POST"], report: ["GET", "POST"], prompt: ["GET", "POST"] } as const;

/** A handler per linking action, as `setupAccountLinking` serves them. */
export type LinkingHandlers = Readonly<Record<keyof typeof ACTIONS, (request: NextRequest) => Promise<NextResponse>>>;

/** The {@link LinkingRoutes} over one handler per action: `GET …/callback`, `POST …/start`, `POST …/unlink`, `GET|POST …/report`, `GET|POST …/prompt`; else 404 or 405. */
export function routesOver(handlers: LinkingHandlers): LinkingRoutes {
  const route =
    (method: "GET" | "POST") =>
    async (request: NextRequest): Promise<NextResponse> => {
      const action = request.nextUrl.pathname.replace(/\/+$/, "").split("/").pop() ?? "";
      if (!Object.hasOwn(ACTIONS, action)) return new NextResponse(null, { status: 404 });
      const allowed: readonly string[] = ACTIONS[action as keyof typeof ACTIONS];
      if (!allowed.includes(method)) return new NextResponse(null, { status: 405, headers: { allow: allowed.join(", ") } });
      return handlers[action as keyof typeof ACTIONS](request);
    };
  return { GET: route("GET"), POST: route("POST") };
}
