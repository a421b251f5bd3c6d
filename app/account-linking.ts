/**
 * The demo's composition, exactly as a team's app composes it (the README's
 * guide, examples/next-app/lib/auth0.ts): the app's own SDK client with what
 * linking needs, and the one account linking setup every page, route and the
 * proxy import. Settings are read from the environment on first use, never
 * at build time.
 */
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { linkingAuth0Options, setupAccountLinking } from "auth0-account-linking";

export const auth0 = new Auth0Client({ ...linkingAuth0Options(process.env) });
// The link at sign-in's page (app/link-accounts/page.tsx), shown when LINK_PROMPT_AT_SIGN_IN=true.
export const accountLinking = setupAccountLinking({ auth0, env: process.env, linkPromptPage: "/link-accounts" });
