import type { NextRequest, NextResponse } from "next/server";
import { getServices } from "@/lib/setup/services";

/** Begins linking another account: see lib/linking/start-link.ts. */
export function POST(request: NextRequest): Promise<NextResponse> {
  return getServices().linking.start(request);
}
