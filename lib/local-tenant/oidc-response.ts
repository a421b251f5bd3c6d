/**
 * How `/authorize` hands its answer (a code, an ID token, or an error) back
 * to the application, by `response_mode` as Auth0 offers them: `query` (the
 * default for `response_type=code`), `fragment` (the default for
 * `id_token`), and `form_post`, a page that POSTs the parameters to the
 * callback (what express-openid-connect uses by default).
 *
 * @see https://auth0.com/docs/authenticate/protocols/oauth#how-response-type-works
 * @see https://openid.net/specs/oauth-v2-form-post-response-mode-1_0.html
 */
import { createHash } from "node:crypto";
import { escapeHtml, HTML_HEADERS } from "./oidc-html";
import { withQuery } from "./oidc-http";

/**
 * The response types the tenant answers: the authorization code, an ID token
 * straight from `/authorize` (implicit), or both (hybrid, the ID token then
 * carrying the code's `c_hash`).
 */
export type ResponseType = "code" | "id_token" | "code id_token";

/** `response_type` as sent (its values in any order), or `undefined` for one the tenant does not answer. */
export function parseResponseType(value: string): ResponseType | undefined {
  const normalized = value.split(" ").filter(Boolean).sort().join(" ");
  return normalized === "code" || normalized === "id_token" || normalized === "code id_token" ? normalized : undefined;
}

/** Whether the answer carries an ID token (implicit or hybrid): then never in a query string, and only with a nonce. */
export function returnsIdToken(type: ResponseType): boolean {
  return type !== "code";
}

/** Whether the answer carries an authorization code (code or hybrid). */
export function returnsCode(type: ResponseType): boolean {
  return type !== "id_token";
}

/** Where the answer goes on the callback. */
export type ResponseMode = "query" | "fragment" | "form_post";

/** The mode a response type uses when the request names none (OAuth 2.0 Multiple Response Type Encoding Practices). */
export function defaultResponseMode(type: ResponseType): ResponseMode {
  return type === "code" ? "query" : "fragment";
}

const SUBMIT_SCRIPT = "document.forms[0].submit();";
const SUBMIT_SCRIPT_HASH = createHash("sha256").update(SUBMIT_SCRIPT).digest("base64");

/**
 * The answer to the application at `redirectUri` (already checked against the
 * client's callbacks), with `params` (undefined values left out) delivered by `mode`.
 */
export function authorizationResponse(redirectUri: string, mode: ResponseMode, params: Record<string, string | undefined>, setCookie?: string): Response {
  const headers = new Headers({ "cache-control": "no-store" });
  if (setCookie !== undefined) headers.append("set-cookie", setCookie);
  if (mode === "query") {
    headers.set("location", withQuery(redirectUri, params));
    return new Response(null, { status: 302, headers });
  }
  const defined = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (mode === "fragment") {
    const fragment = new URLSearchParams(defined).toString().replace(/\+/g, "%20");
    headers.set("location", `${redirectUri.split("#")[0] ?? redirectUri}#${fragment}`);
    return new Response(null, { status: 302, headers });
  }
  for (const [name, value] of Object.entries(HTML_HEADERS)) headers.set(name, value);
  // The one inline script is allowed by its hash; the form may post only to the callback's origin.
  headers.set("content-security-policy", `default-src 'none'; script-src 'sha256-${SUBMIT_SCRIPT_HASH}'; form-action ${new URL(redirectUri).origin}; frame-ancestors 'none'`);
  const inputs = defined.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("\n");
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Signing you in…</title></head>
<body>
<form method="post" action="${escapeHtml(redirectUri)}">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>${SUBMIT_SCRIPT}</script>
</body>
</html>`;
  return new Response(html, { status: 200, headers });
}
