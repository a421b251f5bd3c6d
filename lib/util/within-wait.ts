/**
 * A bounded wait for work that may go on after nobody waits for it any more:
 * a page or a sign-in that must not hang on a slow tenant (Settings'
 * suggestions, the link at sign-in's look-up).
 */

/** `promise`'s value, or `null` when it takes longer than `ms` (it goes on regardless; its rejection is the caller's to handle). */
export async function withinWait<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
