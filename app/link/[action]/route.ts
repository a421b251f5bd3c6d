import { accountLinking } from "../../account-linking";

/**
 * `POST /link/start` (lib/linking/start-link.ts), `GET /link/callback`, where
 * the second login returns (never to the SDK's /auth/callback:
 * lib/linking/finish-link.ts), and `POST /link/unlink`
 * (lib/linking/unlink-identity.ts); any other action 404, another method 405.
 */
export const { GET, POST } = accountLinking.routes;
