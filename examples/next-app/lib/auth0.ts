import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { linkingAuth0Options, setupAccountLinking } from "auth0-account-linking";

export const auth0 = new Auth0Client({ ...linkingAuth0Options(process.env) });
export const accountLinking = setupAccountLinking({ auth0, env: process.env });
