import { accountLinking } from "@/lib/auth0";
export const POST = accountLinking.unlink;
