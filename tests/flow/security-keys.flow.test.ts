/**
 * Attacks on the keys that sign the second sign-in's ID token, and the app's
 * handling of the tenant's key set (JWKS):
 *
 * - key confusion: an ID token signed HS256 with the tenant's PUBLIC key as
 *   the HMAC secret (anyone can fetch it) is refused, by the flow and by our
 *   verifier on its own;
 * - rotation: after the tenant rotates its key, the app refetches the JWKS
 *   once on the unknown `kid` and links;
 * - a flood of tokens with unknown `kid`s does not make the app refetch the
 *   JWKS more often than its cooldown (`jwksCooldownMs`) allows.
 *
 * One shared clock moves the app, jose's JWKS cache and the tenant together.
 */
import { createPublicKey, type JsonWebKey as NodeJsonWebKey } from "node:crypto";
import { SignJWT, base64url, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { http, HttpResponse } from "msw";
import { createIdTokenVerifier } from "@/lib/linking/id-token";
import { LOCAL_APP_CLIENT } from "@/lib/local-tenant";
import { ACCOUNTS, APP, OWNER_ID, type Person, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { useAppWithLinkingOptions } from "../support/linking-options";
import { identityCalls, identityIdsOf, redirectOf, stateOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const clock = useSharedClock();
const { server, tenant } = useLocalTenant();
const logs = captureLogs();

/** Counts the app's requests for the tenant's JWKS during a test. */
let jwksFetches = 0;
beforeEach(() => {
  jwksFetches = 0;
  server.events.on("request:start", ({ request }) => {
    if (new URL(request.url).pathname === "/.well-known/jwks.json") jwksFetches += 1;
  });
});
afterEach(() => server.events.removeAllListeners());

/** What the tenant would put in owner.github's ID token for a link whose authorize URL carried `nonce`. */
function ownerGithubClaims(nonce: string): JWTPayload {
  return {
    sub: "github|1000001",
    aud: LOCAL_APP_CLIENT.clientId,
    nonce,
    auth_time: tenant().nowSeconds(),
    email: "owner.github@example.com",
    email_verified: true,
  };
}

/** The tenant's current public signing key, as its JWKS publishes it. */
function publishedKey(): JWK & { kid: string; n: string; e: string } {
  const key = tenant().jwks().keys[0];
  if (!key?.kid || !key.n || !key.e) throw new Error("the tenant publishes an RSA key");
  return key as JWK & { kid: string; n: string; e: string };
}

/**
 * Starts a GitHub link and opens its callback while the tenant's token
 * endpoint answers with the ID token `makeIdToken` makes for the link's nonce.
 * No sign-in at the tenant is needed: the token endpoint is what answers.
 */
async function callbackWithIdToken(person: Person, makeIdToken: (nonce: string) => Promise<string>): Promise<ReturnType<typeof redirectOf>> {
  const start = await person.startLink("github");
  const authorize = new URL(start.headers.get("location") ?? "");
  const idToken = await makeIdToken(authorize.searchParams.get("nonce") ?? "");
  const accessToken = await tenant().issueAccessToken({ subject: "github|1000001", clientId: LOCAL_APP_CLIENT.clientId, audience: undefined, scope: "openid profile email" });
  server.use(
    http.post(
      `${tenant().baseUrl}/oauth/token`,
      () => HttpResponse.json({ access_token: accessToken, id_token: idToken, scope: "openid profile email", expires_in: 86_400, token_type: "Bearer" }),
      { once: true },
    ),
  );
  return redirectOf(await person.openCallback(`${APP}/link/callback?code=from-the-tenant&state=${stateOf(authorize)}`));
}

function hs256(claims: JWTPayload, secret: Uint8Array, kid: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT", kid }).setIssuer(tenant().issuer).setIssuedAt().setExpirationTime("1h").sign(secret);
}

/** Byte strings anyone can derive from the tenant's published key, as an attacker would use them for an HMAC secret. */
const PUBLIC_KEY_SECRETS = {
  "the PEM text of its SPKI": (pem: string) => new TextEncoder().encode(pem),
  "the DER bytes of its SPKI": (_pem: string, der: Uint8Array) => der,
  "the bytes of the JWK's modulus n": (_pem: string, _der: Uint8Array, jwk: JWK & { n: string }) => base64url.decode(jwk.n),
  "the JWK's n and e as base64url text": (_pem: string, _der: Uint8Array, jwk: JWK & { n: string; e: string }) => new TextEncoder().encode(`${jwk.n}${jwk.e}`),
  "the JWK as JSON text": (_pem: string, _der: Uint8Array, jwk: JWK) => new TextEncoder().encode(JSON.stringify(jwk)),
} as const;
type SecretKind = keyof typeof PUBLIC_KEY_SECRETS;
const SECRET_KINDS = Object.keys(PUBLIC_KEY_SECRETS) as SecretKind[];

/** The HMAC secret of `kind`, derived from the tenant's current public key. */
function publicKeySecret(kind: SecretKind): Uint8Array {
  const jwk = publishedKey();
  const publicKey = createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e } as NodeJsonWebKey, format: "jwk" });
  const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const der = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  return PUBLIC_KEY_SECRETS[kind](pem, der, jwk);
}

describe("key confusion: an ID token signed HS256 with the tenant's public key as the secret", () => {
  const running = useApp();

  it.each(SECRET_KINDS)("is refused by the link callback, which links nothing, when the secret is %s", async (kind) => {
    const person = running.person();
    await person.signIn();

    const result = await callbackWithIdToken(person, (nonce) => hs256(ownerGithubClaims(nonce), publicKeySecret(kind), publishedKey().kid));

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "verification_failed" });
    expect(identityCalls(tenant())).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), "github|1000001")).toEqual(["github|1000001"]);
    // The code exchange refuses it first: the client expects RS256 ID tokens (oauth4webapi).
    expect(logs.events("link.code_exchange_failed")).toEqual([expect.objectContaining({ reason: "OAUTH_INVALID_RESPONSE" })]);
  });

  it("is refused by the app's ID-token verifier on its own, before any key is looked up (RS256 only)", async () => {
    let served = 0;
    const verifier = createIdTokenVerifier({
      issuer: tenant().issuer,
      clientId: LOCAL_APP_CLIENT.clientId,
      jwksUri: `${tenant().baseUrl}/.well-known/jwks.json`,
      fetch: async () => {
        served += 1;
        return Response.json(tenant().jwks());
      },
      now: Date.now,
    });
    const nonce = "a-nonce-of-this-transaction";
    const notBefore = Date.now() - 1000;

    for (const kind of SECRET_KINDS) {
      const verdict = await verifier.verify(await hs256(ownerGithubClaims(nonce), publicKeySecret(kind), publishedKey().kid), { nonce, notBefore });
      expect([kind, verdict]).toEqual([kind, { ok: false, problem: "signature_or_claims", detail: "ERR_JOSE_ALG_NOT_ALLOWED" }]);
    }
    expect(served).toBe(0);
    // The same verifier accepts the tenant's genuine RS256 token for the same claims.
    const genuine = await verifier.verify(await tenant().signJwt(ownerGithubClaims(nonce), 3600), { nonce, notBefore });
    expect(genuine).toMatchObject({ ok: true, token: { sub: "github|1000001" } });
  });
});

describe("the tenant rotates its signing key", () => {
  const running = useAppWithLinkingOptions({ jwksCooldownMs: 5_000 });

  it("refetches the JWKS once on the new key's kid, after the cooldown, and links", async () => {
    const person = running.person();
    await person.signIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    expect(jwksFetches).toBe(1);

    const oldKid = publishedKey().kid;
    const newKid = await tenant().rotateSigningKey();
    expect(tenant().jwks().keys.map((key) => key.kid)).toEqual([newKid, oldKid]);
    clock.passMs(5_001);

    const result = redirectOf(await person.link("google-oauth2", ACCOUNTS.ownerGoogle));

    expect(result.params).toEqual({ link: "linked", identity: "google-oauth2|100000000000000000001" });
    expect(jwksFetches).toBe(2);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001", "google-oauth2|100000000000000000001"]);
  });
});

describe("the tenant's key set cannot be fetched when a new key is needed", () => {
  const running = useAppWithLinkingOptions({ jwksCooldownMs: 5_000 });

  it("links nothing and says the sign-in service is not answering, not that the sign-in was forged", async () => {
    const person = running.person();
    await person.signIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    await tenant().rotateSigningKey();
    clock.passMs(5_001);
    tenant().faults.inject({ method: "GET", path: "/.well-known/jwks.json", kind: "status", status: 503, times: 5 });

    const result = redirectOf(await person.link("google-oauth2", ACCOUNTS.ownerGoogle));

    expect(result.params).toEqual({ link: "tenant_unavailable" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
    expect(logs.events("link.id_token_refused")).toEqual([expect.objectContaining({ problem: "keys_unavailable" })]);
  });
});

describe("a flood of ID tokens with kids the tenant never published", () => {
  const COOLDOWN_MS = 50_000;
  const running = useAppWithLinkingOptions({ jwksCooldownMs: COOLDOWN_MS });
  let strangerKey: CryptoKey;
  beforeAll(async () => {
    ({ privateKey: strangerKey } = await generateKeyPair("RS256"));
  });

  /** A well-formed RS256 ID token for owner.github, signed with a key of the attacker's, under a kid never seen before. */
  function unknownKidToken(nonce: string): Promise<string> {
    return new SignJWT(ownerGithubClaims(nonce))
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: `unknown-${Math.random().toString(36).slice(2)}` })
      .setIssuer(tenant().issuer)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(strangerKey);
  }

  it("refetches the JWKS at most once per cooldown, links nothing, and still links a genuine sign-in", async () => {
    const person = running.person();
    await person.signIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    expect(jwksFetches).toBe(1);
    tenant().requestLog.length = 0;

    // One token every 20 s for 3 minutes (slow enough for the per-user link throttle to let each through).
    const fetchesAfter: number[] = [];
    for (let i = 1; i <= 9; i += 1) {
      clock.passMs(20_000);
      const result = await callbackWithIdToken(person, unknownKidToken);
      expect(result.params).toEqual({ link: "verification_failed" });
      fetchesAfter.push(jwksFetches);
    }

    // At 20 s and 40 s the first fetch is still cooling down; 60 s, 120 s and 180 s are each 50 s or more after the last fetch.
    expect(fetchesAfter).toEqual([1, 1, 2, 2, 2, 3, 3, 3, 4]);
    expect(jwksFetches).toBeLessThanOrEqual(1 + Math.floor((9 * 20_000) / COOLDOWN_MS));
    expect(identityCalls(tenant())).toEqual([]);
    expect(logs.events("link.id_token_refused").map((line) => line["detail"])).toEqual(Array(9).fill("ERR_JWKS_NO_MATCHING_KEY"));

    // The genuine key is still cached: a real sign-in links without another fetch.
    clock.passMs(1_000);
    expect(redirectOf(await person.link("google-oauth2", ACCOUNTS.ownerGoogle)).params["link"]).toBe("linked");
    expect(jwksFetches).toBe(4);
  });
});
