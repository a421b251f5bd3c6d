/**
 * The AUTH0_SECRET `npm run dev` uses with the embedded local tenant (and that
 * `--local-tenant`, the browser tests' server, always uses). It encrypts
 * cookies in local development only; a real deployment sets its own.
 * A module of its own so the browser tests can open the app's cookies with it
 * without importing scripts/dev.ts, which starts the app when loaded.
 */
export const LOCAL_DEV_SECRET = "local-development-only-secret-0123456789abcdef0123456789abcdef";
