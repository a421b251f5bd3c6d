/**
 * The tenant's RS256 signing keys: generated at start, rotated on demand (old
 * keys stay in the JWKS), used to sign and verify every token it issues.
 */
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { randomBytes } from "node:crypto";

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** What {@link SigningKeys.verify} checks beyond the RS256 signature. */
export interface VerifyChecks {
  /** Verification time in epoch milliseconds (the tenant's clock). */
  readonly now: number;
  /** Required `iss`, when given. */
  readonly issuer?: string;
  /** Required `aud` member, when given. */
  readonly audience?: string;
}

/** A key ring whose newest key signs. */
export class SigningKeys {
  #keys: SigningKey[] = [];

  /** Adds a new key and signs with it from now on; returns its `kid`. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const kid = randomBytes(12).toString("base64url");
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
    this.#keys = [{ kid, privateKey, publicJwk }, ...this.#keys];
    return kid;
  }

  /** The public keys, as served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return { keys: this.#keys.map((key) => ({ ...key.publicJwk })) };
  }

  /** Signs `claims` with the newest key, setting `iss`, `iat` and `exp`. */
  async sign(issuer: string, claims: JWTPayload, nowSeconds: number, lifetimeSeconds: number): Promise<string> {
    const key = this.#keys[0];
    if (!key) throw new Error("The local tenant has no signing key: create it with LocalTenant.create().");
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid })
      .setIssuer(issuer)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + lifetimeSeconds)
      .sign(key.privateKey);
  }

  /** The claims of a token signed (RS256) by one of these keys and valid under `checks`, or `null`. */
  async verify(token: string, checks: VerifyChecks): Promise<JWTPayload | null> {
    const keys = this.#keys;
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          const key = keys.find((candidate) => candidate.kid === header.kid);
          if (!key) throw new Error("unknown kid");
          return key.publicJwk;
        },
        {
          algorithms: ["RS256"],
          currentDate: new Date(checks.now),
          ...(checks.issuer === undefined ? {} : { issuer: checks.issuer }),
          ...(checks.audience === undefined ? {} : { audience: checks.audience }),
        },
      );
      return payload;
    } catch {
      return null;
    }
  }
}
