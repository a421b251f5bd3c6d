/**
 * How `/authorize` answers the callback, by `response_mode` and
 * `response_type` as Auth0 offers them (issue #14): `query` (code's default),
 * `fragment` (the ID token's default) and `form_post` (a page that POSTs the
 * answer: express-openid-connect's default, with `response_type=id_token`).
 */
import { createHash } from "node:crypto";
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import { LOCAL_APP_CLIENT } from "@/lib/local-tenant";
import { CALLBACK, TENANT, authorizeUrl, exchangeCode, get, parseLoginPage, pkcePair, postForm, query, ssoCookieFrom, useLocalTenant } from "./oidc-flow";

const OWNER = "auth0|65a000000000000000000001";
useLocalTenant();

/** The login page for `params`, answered by choosing the owner (or cancelling): the tenant's answer to the callback. */
async function answerFor(params: Record<string, string | undefined>, action: "login" | "cancel" = "login"): Promise<Response> {
  const page = await get(authorizeUrl(params));
  expect(page.status).toBe(200);
  const form = parseLoginPage(await page.text());
  return postForm(`${TENANT}${form.action}`, { transaction: form.transaction, action, ...(action === "login" ? { identity: OWNER } : {}) });
}

/** The form of a form_post page: where it posts, and its hidden fields. */
function postedForm(html: string): { action: string; method: string; fields: Record<string, string> } {
  const form = /<form method="(\w+)" action="([^"]+)">/.exec(html);
  const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name = "", value = ""]) => [name, value.replace(/&amp;/g, "&")]));
  return { method: form?.[1] ?? "", action: (form?.[2] ?? "").replace(/&amp;/g, "&"), fields };
}

describe("response_mode=form_post", () => {
  it("answers with a page that posts the code and state to the callback, allowed to post nowhere else", async () => {
    const { verifier, challenge } = pkcePair();
    const answer = await answerFor({ response_mode: "form_post", code_challenge: challenge, state: "s-post" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/html");
    expect(answer.headers.get("content-security-policy")).toMatch(/form-action http:\/\/localhost:3000;/);
    expect(answer.headers.get("content-security-policy")).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(ssoCookieFrom(answer)).toEqual(expect.any(String));
    const form = postedForm(await answer.text());
    expect(form).toMatchObject({ method: "post", action: CALLBACK, fields: { code: expect.any(String), state: "s-post" } });
    expect((await exchangeCode(form.fields["code"] ?? "", verifier)).status).toBe(200);
  });

  it("posts access_denied when the person cancels", async () => {
    const form = postedForm(await (await answerFor({ response_mode: "form_post", state: "s-cancel" }, "cancel")).text());
    expect(form.fields).toEqual({ error: "access_denied", error_description: "User cancelled the login", state: "s-cancel" });
  });

  it("posts an ID token signed with the tenant's RS256 key for response_type=id_token, with the nonce and no code", async () => {
    const answer = await answerFor({ response_type: "id_token", response_mode: "form_post", nonce: "n-implicit", code_challenge: undefined, code_challenge_method: undefined, scope: "openid profile email" });
    const form = postedForm(await answer.text());
    expect(Object.keys(form.fields).sort()).toEqual(["id_token", "state"]);
    const jwks = (await (await get(`${TENANT}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(form.fields["id_token"] ?? "", createLocalJWKSet(jwks), { issuer: `${TENANT}/`, audience: LOCAL_APP_CLIENT.clientId });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({ sub: OWNER, nonce: "n-implicit", email: "owner@example.com" });
  });
});

describe("response_type=code id_token (hybrid)", () => {
  it("answers in the fragment by default with a code, an ID token whose c_hash is the code's, and the state, in either order of the values", async () => {
    for (const type of ["code id_token", "id_token code"]) {
      const answer = await answerFor({ response_type: type, state: "s-hybrid" });
      const fragment = new URLSearchParams(new URL(answer.headers.get("location") ?? "").hash.slice(1));
      const code = fragment.get("code") ?? "";
      const claims = decodeJwt(fragment.get("id_token") ?? "");
      expect(claims).toMatchObject({ sub: OWNER, nonce: "nonce-456" });
      // OpenID Connect Core 3.3.2.11, computed here independently of the tenant.
      expect(claims["c_hash"]).toBe(createHash("sha256").update(code).digest().subarray(0, 16).toString("base64url"));
      expect(fragment.get("state")).toBe("s-hybrid");
    }
  });
});

describe("response_mode=fragment", () => {
  it("puts the code and state in the callback's fragment, not its query", async () => {
    const answer = await answerFor({ response_mode: "fragment", state: "s-frag" });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("location") ?? "");
    expect(location.search).toBe("");
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("code")).toEqual(expect.any(String));
    expect(fragment.get("state")).toBe("s-frag");
  });

  it("is the default for response_type=id_token", async () => {
    const answer = await answerFor({ response_type: "id_token", code_challenge: undefined, code_challenge_method: undefined });
    const location = new URL(answer.headers.get("location") ?? "");
    expect(decodeJwt(new URLSearchParams(location.hash.slice(1)).get("id_token") ?? "")).toMatchObject({ sub: OWNER, nonce: "nonce-456" });
  });
});

describe("what /authorize refuses", () => {
  it("an ID token without a nonce, or in the query string", async () => {
    expect(query(await get(authorizeUrl({ response_type: "id_token", nonce: undefined, response_mode: "form_post" }))).get("error")).toBe("invalid_request");
    expect(query(await get(authorizeUrl({ response_type: "id_token", response_mode: "query" }))).get("error")).toBe("invalid_request");
  });

  it("a hybrid (code id_token) answer without a nonce, or in the query string", async () => {
    expect(query(await get(authorizeUrl({ response_type: "code id_token", nonce: undefined, response_mode: "form_post" }))).get("error_description")).toBe("Missing required parameter: nonce");
    expect(query(await get(authorizeUrl({ response_type: "code id_token", response_mode: "query" }))).get("error_description")).toBe("response_mode=query is not allowed for response_type=code id_token");
  });

  it("a response mode it does not know, and response types it does not model", async () => {
    expect(query(await get(authorizeUrl({ response_mode: "web_message" }))).get("error")).toBe("invalid_request");
    for (const type of ["token", "id_token token", "code token", "code id_token token"]) expect(query(await get(authorizeUrl({ response_type: type }))).get("error")).toBe("unsupported_response_type");
  });
});
