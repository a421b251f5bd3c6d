import type { NextRequest, NextResponse } from "next/server";
import { getServices } from "@/lib/setup/services";

/** Unlinks one of the user's secondary identities: see lib/linking/unlink-identity.ts. */
export function POST(request: NextRequest): Promise<NextResponse> {
  return getServices().linking.unlink(request);
}
