/**
 * Pending notices in Redis while it answers, in this instance's memory while
 * it does not: a notice is never dropped because Redis is away, and the
 * operator reads one line when an outage starts and one when it ends
 * (`notices.unavailable`, `notices.recovered`; lib/shared-state/fallback.ts).
 *
 * A notice kept in memory is sent by this instance only, and lost if it
 * stops first; the README says so.
 */
import { createFallbackEpisodes } from "../shared-state/fallback";
import type { Logger } from "../util/log";
import type { NoticeStore, PendingNotice } from "./store";

/** Options for {@link withLocalNoticeStore}. */
export interface LocalNoticeStoreOptions {
  /** Usually {@link ./redis-store!createRedisNoticeStore}. */
  readonly shared: NoticeStore;
  /** Usually {@link ./store!createMemoryNoticeStore}. */
  readonly local: NoticeStore;
  readonly logger: Logger;
}

/**
 * A {@link NoticeStore} that prefers `shared` and falls back to `local`.
 * Claims come from both; each claimed notice is settled (retried or removed)
 * in the store it came from. A shared notice whose settling Redis cannot
 * take is handled so that it is neither lost nor sent twice by this instance:
 * a retry moves it to memory (and its Redis copy is removed once Redis
 * answers); a removal is repeated at the next claim.
 */
export function withLocalNoticeStore(options: LocalNoticeStoreOptions): NoticeStore {
  const { shared, local } = options;
  const episodes = createFallbackEpisodes({ logger: options.logger, part: "notices" });
  const claimedFrom = new Map<string, NoticeStore>();
  // Ids sent or moved to memory whose Redis copy is still to be removed.
  const sharedRemovals = new Set<string>();

  async function removeShared(id: string): Promise<void> {
    try {
      await shared.remove(id);
      sharedRemovals.delete(id);
    } catch {
      sharedRemovals.add(id);
    }
  }

  return {
    add: (notice) => episodes.run(() => shared.add(notice), () => local.add(notice)),
    async claimDue(now, limit, leaseMs) {
      for (const id of [...sharedRemovals]) await removeShared(id);
      const fromLocal = await local.claimDue(now, limit, leaseMs);
      const fromShared = await episodes.run(
        () => shared.claimDue(now, Math.max(0, limit - fromLocal.length), leaseMs),
        () => Promise.resolve<PendingNotice[]>([]),
      );
      // A notice already moved to memory may still be in Redis (its removal pending): memory's copy is the one sent.
      const sharedOnly = fromShared.filter((notice) => !sharedRemovals.has(notice.id));
      for (const notice of fromLocal) claimedFrom.set(notice.id, local);
      for (const notice of sharedOnly) claimedFrom.set(notice.id, shared);
      return [...fromLocal, ...sharedOnly];
    },
    async retryLater(notice) {
      const from = claimedFrom.get(notice.id) ?? local;
      if (from === local) return local.retryLater(notice);
      try {
        await shared.retryLater(notice);
      } catch {
        claimedFrom.set(notice.id, local);
        await local.add(notice);
        sharedRemovals.add(notice.id);
      }
    },
    async remove(id) {
      const from = claimedFrom.get(id) ?? local;
      claimedFrom.delete(id);
      if (from === local) return local.remove(id);
      await removeShared(id);
    },
    async count() {
      const inMemory = await local.count();
      return inMemory + (await episodes.run(() => shared.count(), () => Promise.resolve(0)));
    },
    async close() {
      return (await local.close()) + (await shared.close());
    },
  };
}
