import type { NextRequest } from "next/server";
import { accountLinking, auth0 } from "@/lib/auth0";

export async function proxy(request: NextRequest) {
  return accountLinking.refreshAccessToken(request, await auth0.middleware(request));
}
