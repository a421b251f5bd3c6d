/**
 * Verifies the second login's ID token with jose against the tenant's JWKS:
 * RS256 only, `iss`, `aud` = our client id, `exp`, `nonce`, and an `auth_time`
 * no older than the transaction. The JWKS is fetched once and cached; an
 * unknown `kid` refetches it, at most once per cooldown.
 */
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from "jose";

/** What the linking flow needs from a verified ID token. */
export interface VerifiedIdToken {
  readonly sub: string;
  readonly email?: string;
  readonly emailVerified: boolean;
  readonly authTime: number;
}

/** Options for {@link createIdTokenVerifier}. */
export interface IdTokenVerifierOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly jwksUri: string;
  readonly fetch: typeof fetch;
  /** Clock in epoch ms. */
  readonly now: () => number;
  /** Minimum time between JWKS refetches on an unknown `kid`; default 30 s. */
  readonly jwksCooldownMs?: number;
  /** Tolerated clock difference with the tenant, in seconds; default 30. */
  readonly clockToleranceSeconds?: number;
}

/** Why an ID token was refused (for logs; the user sees one sentence for all). */
export type IdTokenProblem = "signature_or_claims" | "nonce" | "auth_time" | "missing_sub" | "keys_unavailable";

/** jose's codes for a key set that could not be fetched or read (a non-200 answer is ERR_JOSE_GENERIC), as opposed to a token that failed against it. */
const KEYS_UNAVAILABLE = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID", "ERR_JOSE_GENERIC"]);

/** Verifies ID tokens from one tenant. */
export interface IdTokenVerifier {
  verify(
    idToken: string,
    expected: { nonce: string; notBefore: number },
  ): Promise<{ ok: true; token: VerifiedIdToken } | { ok: false; problem: IdTokenProblem; detail: string }>;
}

/** Creates a verifier whose JWKS cache lives as long as it does (create one per process). */
export function createIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 5_000,
    [customFetch]: options.fetch,
  });
  const tolerance = options.clockToleranceSeconds ?? 30;
  return {
    async verify(idToken, expected) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(idToken, jwks, {
          algorithms: ["RS256"],
          issuer: options.issuer,
          audience: options.clientId,
          currentDate: new Date(options.now()),
          clockTolerance: tolerance,
          requiredClaims: ["sub", "exp", "iat"],
        }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        // A failed fetch of the key set (network error, non-200) surfaces without a jose code.
        if (code === undefined || KEYS_UNAVAILABLE.has(code)) {
          return { ok: false, problem: "keys_unavailable", detail: code ?? (error as { name?: string }).name ?? "unknown" };
        }
        return { ok: false, problem: "signature_or_claims", detail: code };
      }
      if (payload["nonce"] !== expected.nonce) return { ok: false, problem: "nonce", detail: "nonce mismatch" };
      const authTime = payload["auth_time"];
      if (typeof authTime !== "number" || authTime * 1000 < expected.notBefore - tolerance * 1000) {
        return { ok: false, problem: "auth_time", detail: "auth_time missing or older than the transaction" };
      }
      if (typeof payload.sub !== "string" || payload.sub === "") return { ok: false, problem: "missing_sub", detail: "no sub" };
      const email = payload["email"];
      return {
        ok: true,
        token: {
          sub: payload.sub,
          ...(typeof email === "string" ? { email } : {}),
          emailVerified: payload["email_verified"] === true,
          authTime,
        },
      };
    },
  };
}
