/**
 * "Every other session of this app ends": a per-user mark, "sessions signed in
 * before this moment are no longer valid", checked wherever the session is
 * read (the proxy, and the pages' session read). The SDK's sessions are
 * stateless cookies that cannot be deleted from the server, so the mark is
 * what ends them: a cookie whose session began at or before the mark is
 * treated as signed out and removed.
 *
 * Kept in this process's memory, or in Redis with REDIS_URL so that every
 * instance sees it (lib/shared-state/session-revocations.ts).
 */
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { forgetProcessSingleton, processSingleton } from "../util/process-singleton";

/** Where the marks live. */
export interface SessionRevocations {
  /** Ends every session of `sub` begun at or before `at` (epoch ms). A later mark replaces an earlier one, never the reverse. */
  revokeBefore(sub: string, at: number): Promise<void>;
  /** The mark of `sub` in epoch ms, or 0 when none. Never rejects (a store that cannot answer falls back to this instance's). */
  validAfter(sub: string): Promise<number>;
}

/** How long a mark is kept: longer than any session lives (the SDK's absolute default is 7 days; rolling ones up to that). */
export const REVOCATION_RETENTION_MS = 30 * 86_400_000;

/** Marks in this process's memory, dropped after {@link REVOCATION_RETENTION_MS}. */
export function createMemorySessionRevocations(now: () => number = Date.now): SessionRevocations {
  const marks = new Map<string, number>();
  return {
    async revokeBefore(sub, at) {
      for (const [key, mark] of marks) if (mark + REVOCATION_RETENTION_MS <= now()) marks.delete(key);
      marks.set(sub, Math.max(at, marks.get(sub) ?? 0));
    },
    async validAfter(sub) {
      return marks.get(sub) ?? 0;
    },
  };
}

/** The process's in-memory marks: one per process, shared by every page and route of a Next.js build. */
export function processSessionRevocations(): SessionRevocations {
  return processSingleton("session-revocations", () => createMemorySessionRevocations());
}

/** Drops the process's marks (tests: a fresh app starts without them). */
export function forgetProcessSessionRevocations(): void {
  forgetProcessSingleton("session-revocations");
}

/** When `session` began, in epoch ms (the SDK's `internal.createdAt`, seconds), or `null` when it does not say. */
export function sessionBeganAt(session: SessionData): number | null {
  const createdAt = (session.internal as { createdAt?: unknown } | undefined)?.createdAt;
  return typeof createdAt === "number" && Number.isFinite(createdAt) ? createdAt * 1000 : null;
}

/**
 * Whether `session` was ended by a mark: it began at or before its user's
 * mark. A session that does not say when it began is ended by any mark.
 */
export async function isRevokedSession(session: SessionData, revocations: SessionRevocations): Promise<boolean> {
  const mark = await revocations.validAfter(session.user.sub);
  if (mark === 0) return false;
  const began = sessionBeganAt(session);
  // createdAt has whole seconds: a session begun in the mark's own second counts as before it.
  return began === null || began <= mark;
}
