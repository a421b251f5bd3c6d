import { accountLinking } from "@/lib/auth0";
export const { GET, POST } = accountLinking.routes;
