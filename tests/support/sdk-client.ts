/** Real SDK clients for unit tests: built offline (an `Auth0Client` fetches nothing until a request needs the tenant). */
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import type { Auth0ClientOptions } from "@auth0/nextjs-auth0/types";

/** An `Auth0Client` for `https://app.example.com` and a made-up tenant, with `options` on top. */
export function sdkClient(options: Partial<Auth0ClientOptions> = {}): Auth0Client {
  return new Auth0Client({
    domain: "tenant.example.com",
    clientId: "client",
    clientSecret: "client-secret",
    secret: "a-unit-test-secret-of-at-least-32-characters",
    appBaseUrl: "https://app.example.com",
    ...options,
  });
}
