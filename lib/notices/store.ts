/**
 * Where notices wait until they are sent: this instance's memory (here), or
 * Redis (./redis-store), so that a notice outlives the instance that queued
 * it. A notice is *claimed* before it is sent: for a lease it is due to no
 * one else, so two outboxes never send it at once; a claim whose sender
 * died simply runs out and the notice is due again.
 */
import type { NoticeEvent } from "./event";

/** A notice waiting to be sent. */
export interface PendingNotice {
  /** Random; names no person. */
  readonly id: string;
  readonly event: NoticeEvent;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When it is next due, in epoch ms. */
  readonly dueAt: number;
}

/** A store of pending notices. */
export interface NoticeStore {
  add(notice: PendingNotice): Promise<void>;
  /**
   * Claims up to `limit` notices due at `now` (epoch ms): each is due again
   * only `leaseMs` later, unless {@link NoticeStore.retryLater} or
   * {@link NoticeStore.remove} settles it first.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<PendingNotice[]>;
  /** Puts a claimed notice back with its new `attempts` and `dueAt`. */
  retryLater(notice: PendingNotice): Promise<void>;
  /** Forgets a notice: sent, or given up. */
  remove(id: string): Promise<void>;
  /** How many notices wait (claimed ones included). */
  count(): Promise<number>;
  /** Lets go of the store; resolves with how many notices are lost with it (those only this process held). */
  close(): Promise<number>;
}

/** Options for {@link createMemoryNoticeStore}. */
export interface MemoryNoticeStoreOptions {
  /** At most this many notices wait (default 10 000); {@link NoticeStore.add} refuses more, so a mail outage cannot fill the heap. */
  readonly maxEntries?: number;
}

/** The store is full: the notice was not queued. */
export class NoticeStoreFullError extends Error {
  override readonly name = "NoticeStoreFullError";
  readonly code = "full";
}

/** Notices in this process's memory: lost when it stops (without Redis, or while Redis cannot answer). */
export function createMemoryNoticeStore(options: MemoryNoticeStoreOptions = {}): NoticeStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const notices = new Map<string, PendingNotice>();
  return {
    async add(notice) {
      if (notices.size >= maxEntries) throw new NoticeStoreFullError("Too many notices wait to be sent.");
      notices.set(notice.id, notice);
    },
    async claimDue(now, limit, leaseMs) {
      const claimed: PendingNotice[] = [];
      for (const notice of notices.values()) {
        if (claimed.length >= limit) break;
        if (notice.dueAt > now) continue;
        claimed.push(notice);
        notices.set(notice.id, { ...notice, dueAt: now + leaseMs });
      }
      return claimed;
    },
    async retryLater(notice) {
      if (notices.has(notice.id)) notices.set(notice.id, notice);
    },
    async remove(id) {
      notices.delete(id);
    },
    async count() {
      return notices.size;
    },
    async close() {
      const lost = notices.size;
      notices.clear();
      return lost;
    },
  };
}
