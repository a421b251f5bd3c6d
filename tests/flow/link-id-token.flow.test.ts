/**
 * The second sign-in's ID token decides which account gets linked, so the app
 * checks it before Auth0 sees it: RS256 by the tenant's published keys, our
 * issuer, our client id, the transaction's nonce, not expired, and signed in
 * after the link started. Here the tenant's token endpoint answers the code
 * exchange with a token that fails one check each; the person is told the
 * sign-in could not be verified, and no link call is made.
 */
import { SignJWT, UnsecuredJWT, type JWTPayload } from "jose";
import { http, HttpResponse } from "msw";
import { LOCAL_APP_CLIENT, LocalTenant } from "@/lib/local-tenant";
import { ACCOUNTS, APP, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { identityCalls, identityIdsOf, noticeFor, redirectOf, transactionCookieNames, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

const { server, tenant } = useLocalTenant();
const running = useApp();
const logs = captureLogs();

/** What the tenant would put in owner.github's ID token for this login. */
function claimsFor(nonce: string, changes: JWTPayload = {}): JWTPayload {
  return {
    sub: "github|1000001",
    aud: LOCAL_APP_CLIENT.clientId,
    nonce,
    auth_time: tenant().nowSeconds(),
    email: "owner.github@example.com",
    email_verified: true,
    ...changes,
  };
}

type TokenMaker = (nonce: string) => Promise<string | undefined>;

/**
 * Signs the owner in, starts linking GitHub, signs in at the tenant as
 * owner.github, and opens the callback while the tenant's token endpoint
 * answers with the ID token `makeIdToken` returns (none when `undefined`).
 */
async function linkWhileTokenEndpointAnswers(makeIdToken: TokenMaker): Promise<{ person: Person; result: ReturnType<typeof redirectOf> }> {
  const person = running.person();
  await person.signIn();
  const start = await person.startLink("github");
  const authorize = start.headers.get("location") ?? "";
  const back = await person.signInAtTenant(authorize, ACCOUNTS.ownerGithub);
  const idToken = await makeIdToken(new URL(authorize).searchParams.get("nonce") ?? "");
  const accessToken = await tenant().issueAccessToken({ subject: "github|1000001", clientId: LOCAL_APP_CLIENT.clientId, audience: undefined, scope: "openid profile email" });
  server.use(
    http.post(
      `${tenant().baseUrl}/oauth/token`,
      () =>
        HttpResponse.json({
          access_token: accessToken,
          ...(idToken === undefined ? {} : { id_token: idToken }),
          scope: "openid profile email",
          expires_in: 86_400,
          token_type: "Bearer",
        }),
      { once: true },
    ),
  );
  const result = redirectOf(await person.openCallback(back));
  return { person, result };
}

describe("the ID token of the second sign-in", () => {
  it("links when the token is one the tenant signed with the right claims (the check below is on the defect alone)", async () => {
    const { result } = await linkWhileTokenEndpointAnswers((nonce) => tenant().signJwt(claimsFor(nonce), 3600));
    expect(result.params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000001"]);
  });

  const refused: [string, TokenMaker][] = [
    [
      "is signed with a key the tenant never published",
      async (nonce) => (await LocalTenant.create({ appBaseUrl: APP })).signJwt(claimsFor(nonce), 3600),
    ],
    [
      "is signed HS256 with the client secret",
      (nonce) =>
        new SignJWT(claimsFor(nonce))
          .setProtectedHeader({ alg: "HS256", typ: "JWT" })
          .setIssuer(tenant().issuer)
          .setIssuedAt()
          .setExpirationTime("1h")
          .sign(new TextEncoder().encode(LOCAL_APP_CLIENT.clientSecret)),
    ],
    [
      "is not signed at all (alg none)",
      async (nonce) => new UnsecuredJWT(claimsFor(nonce)).setIssuer(tenant().issuer).setIssuedAt().setExpirationTime("1h").encode(),
    ],
    ["was issued to another application (aud)", (nonce) => tenant().signJwt(claimsFor(nonce, { aud: "another-application-client-id" }), 3600)],
    ["belongs to another login (nonce)", (nonce) => tenant().signJwt(claimsFor(`${nonce}-other`), 3600)],
    ["carries no nonce", (nonce) => tenant().signJwt(claimsFor(nonce, { nonce: undefined }), 3600)],
    [
      "was issued under the custom domain while the app uses the canonical one (iss)",
      (nonce) => tenant().signJwtWithIssuer("https://login.example.com/", claimsFor(nonce), 3600),
    ],
    ["has expired", (nonce) => tenant().signJwt(claimsFor(nonce), -600)],
    ["records a sign-in from before the link started (auth_time)", (nonce) => tenant().signJwt(claimsFor(nonce, { auth_time: tenant().nowSeconds() - 3600 }), 3600)],
    ["records no sign-in time (auth_time)", (nonce) => tenant().signJwt(claimsFor(nonce, { auth_time: undefined }), 3600)],
    ["is missing from the tenant's answer", async () => undefined],
  ];

  it.each(refused)("says the other sign-in could not be verified when its ID token %s, and links nothing", async (_defect, makeIdToken) => {
    const { person, result } = await linkWhileTokenEndpointAnswers(makeIdToken);

    expect(result.target).toBe(`${APP}/settings`);
    expect(result.params).toEqual({ link: "verification_failed" });
    expect(transactionCookieNames(person.app)).toEqual([]);
    // The Management API was never asked to link.
    expect(identityCalls(tenant())).toEqual([]);
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
    expect(identityIdsOf(tenant(), "github|1000001")).toEqual(["github|1000001"]);
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({
      about: "link",
      kind: "alert",
      text: "The other sign-in could not be verified, so nothing was linked. Please try again.",
    });
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "verification_failed", sub: OWNER_ID })]);
    expect(logs.text()).not.toMatch(/eyJ/);
  });
});
