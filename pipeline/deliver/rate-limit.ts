/**
 * Spaces hand-offs evenly: at most `perSecond` starts per second, without the
 * bursts of a fixed-window limiter (providers count per second and punish bursts).
 */
export class RateLimiter {
  private nextSlot = 0;
  private readonly interval: number;

  constructor(perSecond: number) {
    this.interval = 1000 / perSecond;
  }

  async take(signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.interval;
    const wait = slot - now;
    if (wait < 1 || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, wait);
      function finish() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        resolve();
      }
      signal?.addEventListener('abort', finish, { once: true });
    });
  }
}
