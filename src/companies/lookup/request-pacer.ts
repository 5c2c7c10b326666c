/**
 * Spaces the calls one process makes to a rate-limited API: at most `perSecond` starts per second,
 * in arrival order. A call whose turn would come later than `maxWaitMs` is refused at once rather
 * than queued, so a burst never turns into answers slower than the caller's time-out.
 *
 * It reads the monotonic process clock, not the business Clock: it measures spacing between real
 * network calls, which a test moving business time must not disturb.
 */
export class RequestPacer {
  private nextSlot = 0;
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the call may start, with how long it waited; false when the queue is too long. */
  async turn(): Promise<number | false> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    const wait = slot - now;
    if (wait > this.maxWaitMs) return false;
    this.nextSlot = slot + this.intervalMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return wait;
  }
}
