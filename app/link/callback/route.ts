import type { NextRequest, NextResponse } from "next/server";
import { getServices } from "@/lib/setup/services";

/** The second login returns here (never to the SDK's /auth/callback): see lib/linking/finish-link.ts. */
export function GET(request: NextRequest): Promise<NextResponse> {
  return getServices().linking.callback(request);
}
