/**
 * What the link and unlink routes share when they talk to Auth0 on the user's
 * behalf: getting the user's access token and the Management API calls it
 * opens. A failure both know: lib/linking/common-failure.ts.
 */
import { NextRequest, type NextResponse } from "next/server";
import type { ManagementCalls } from "./management-access";
import type { LinkingContext } from "./options";

/**
 * The signed-in user's Management API token from the SDK session, refreshed
 * through the SDK when it is near expiry (the refreshed session is written to
 * `carrier`). `null` when there is none to be had.
 */
export async function userAccessToken(context: LinkingContext, request: NextRequest, carrier: NextResponse, event: string): Promise<string | null> {
  try {
    const { token } = await context.session.getAccessToken(request, carrier);
    return token;
  } catch (cause) {
    context.logger.warn(event, { reason: (cause as { code?: string }).code ?? "unknown" });
    return null;
  }
}

/**
 * The Management API calls for this request in the configured mode (see
 * ./management-access): with the user's own token (`link_with`; `null` when
 * there is none, logged as `event`) or the machine token (`server_side`).
 */
export function openManagement(context: LinkingContext, request: NextRequest, carrier: NextResponse, event: string): Promise<ManagementCalls | null> {
  return context.access.open(() => userAccessToken(context, request, carrier, event));
}

/**
 * A copy of `request` with its cookies and headers but no body, for the SDK.
 * The SDK rebuilds requests that are not its own `NextRequest` class (as under
 * `next dev`), body included, which throws once we have read the form.
 */
export function withoutBody(request: NextRequest): NextRequest {
  return new NextRequest(request.url, { headers: request.headers });
}
