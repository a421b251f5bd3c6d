/**
 * The token behind a notice's "This wasn't me" button: which account and which
 * sign-in the notice was about, sealed (encrypted and signed) with
 * iron-session under a key of its own, valid for 7 days and used once. It
 * travels in the notice's URL (`/link/report?t=…`), so it names nothing a
 * person could read or change: editing a byte makes it unreadable.
 */
import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";

/** How long a notice's button works, in seconds: 7 days. */
export const REPORT_TOKEN_TTL_SECONDS = 7 * 86_400;

/** What a report token says. */
export interface ReportToken {
  /** Unique id: the token is used once (kept by the replay guard until it expires). */
  readonly id: string;
  /** The account (root user) the notice went to. */
  readonly sub: string;
  /** The sign-in the notice was about, `provider|user_id`. */
  readonly identity: string;
  /** e.g. its email, as the notice showed it; absent when unknown. */
  readonly detail?: string;
  /** What the notice said happened. */
  readonly kind: "linked" | "unlinked";
  /** The account owner's own connection, for their fresh sign-in (`connection=`); absent: the tenant offers all. */
  readonly ownerConnection?: string;
  /** Epoch ms. */
  readonly issuedAt: number;
}

/** What sealing and opening need. */
export interface ReportTokenOptions {
  /** At least 32 characters; used for report tokens only. */
  readonly secret: string;
  /** Clock in epoch ms. */
  readonly now: () => number;
}

/** Seals a new token for `token` (its id and time are added here). */
export async function sealReportToken(token: Omit<ReportToken, "id" | "issuedAt">, options: ReportTokenOptions): Promise<string> {
  const full: ReportToken = { ...token, id: randomBytes(16).toString("base64url"), issuedAt: options.now() };
  // No expiry of iron's own (ttl 0): the sealed, signed `issuedAt` decides, so an old token is told "expired", not "invalid".
  return sealData(full, { password: options.secret, ttl: 0 });
}

/** Why a token was refused. */
export type ReportTokenProblem = "invalid" | "expired";

/**
 * Opens a token from a URL. Missing, edited, foreign or malformed: `invalid`;
 * older than 7 days by our own clock: `expired`. Never throws.
 */
export async function openReportToken(sealed: string | null | undefined, options: ReportTokenOptions): Promise<{ ok: true; token: ReportToken } | { ok: false; problem: ReportTokenProblem }> {
  if (!sealed || sealed.length > 4096) return { ok: false, problem: "invalid" };
  let data: Partial<ReportToken>;
  try {
    data = await unsealData<Partial<ReportToken>>(sealed, { password: options.secret, ttl: 0 });
  } catch {
    return { ok: false, problem: "invalid" };
  }
  if (!isReportToken(data)) return { ok: false, problem: "invalid" };
  if (options.now() - data.issuedAt > REPORT_TOKEN_TTL_SECONDS * 1000) return { ok: false, problem: "expired" };
  return { ok: true, token: data };
}

/** When the token stops working, in epoch ms (the replay guard keeps its id until then). */
export function reportTokenExpiresAt(token: ReportToken): number {
  return token.issuedAt + REPORT_TOKEN_TTL_SECONDS * 1000;
}

function isReportToken(data: Partial<ReportToken>): data is ReportToken {
  const text = (value: unknown, max = 300): boolean => typeof value === "string" && value.length > 0 && value.length <= max;
  return (
    text(data.id, 64) &&
    text(data.sub) &&
    text(data.identity) &&
    (data.detail === undefined || text(data.detail)) &&
    (data.kind === "linked" || data.kind === "unlinked") &&
    (data.ownerConnection === undefined || text(data.ownerConnection, 200)) &&
    typeof data.issuedAt === "number" &&
    Number.isFinite(data.issuedAt)
  );
}
