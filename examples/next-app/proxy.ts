import type { NextRequest, NextResponse } from "next/server";
import { accountLinking } from "@/lib/auth0";

export function proxy(request: NextRequest): Promise<NextResponse> {
  return accountLinking.proxy(request);
}
