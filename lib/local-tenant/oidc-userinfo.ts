/**
 * `GET /userinfo` (and `POST`): the signed-in user's profile claims for an
 * access token whose audience includes the tenant's `/userinfo`.
 *
 * @see https://auth0.com/docs/api/authentication/user-profile/get-user-info
 */
import { http, type HttpHandler } from "msw";
import type { LocalTenant } from "./model/tenant";
import { jsonResponse } from "./oidc-http";

function unauthorized(): Response {
  return new Response("Unauthorized", {
    status: 401,
    headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer error="invalid_token"' },
  });
}

async function userinfo(tenant: LocalTenant, request: Request): Promise<Response> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  const token = match?.[1];
  if (token === undefined) return unauthorized();
  const payload = await tenant.verifyJwt(token, tenant.userinfoAudience);
  const user = typeof payload?.sub === "string" ? tenant.getUser(payload.sub) : undefined;
  if (!payload || !user) return unauthorized();
  const scopes = typeof payload["scope"] === "string" ? payload["scope"].split(" ") : [];
  const claims: Record<string, unknown> = { sub: user.user_id };
  if (scopes.includes("profile")) {
    Object.assign(claims, { name: user.name, nickname: user.nickname, picture: user.picture, updated_at: user.updated_at });
  }
  if (scopes.includes("email")) Object.assign(claims, { email: user.email, email_verified: user.email_verified });
  return jsonResponse(claims);
}

/** msw handlers for `GET` and `POST /userinfo`. */
export function userinfoHandlers(tenant: LocalTenant): HttpHandler[] {
  return [
    http.get(`${tenant.baseUrl}/userinfo`, ({ request }) => userinfo(tenant, request)),
    http.post(`${tenant.baseUrl}/userinfo`, ({ request }) => userinfo(tenant, request)),
  ];
}
