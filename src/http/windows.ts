/**
 * Counters per key over fixed windows of time: how many times a key was seen in its current window,
 * and when that window ends. Bounded: past `capacity` keys, expired windows go, then all of them.
 */
export class FixedWindows {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** Counts one more for `key`; returns the count so far in its window (a copy, never live state) and the ms left in it. */
  add(key: string, windowMs: number, now = Date.now()): { count: number; resetIn: number } {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (!window && this.windows.size >= this.capacity) this.prune(now);
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetIn: window.resetAt - now };
  }

  /** The count in `key`'s current window, and the ms left in it, without counting. */
  peek(key: string, now = Date.now()): { count: number; resetIn: number } {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) return { count: 0, resetIn: 0 };
    return { count: window.count, resetIn: window.resetAt - now };
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    if (this.windows.size >= this.capacity) this.windows.clear();
  }
}

type IncrCallback = (error: Error | null, result: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit. Its own in-memory store hands back the live counter, which the
 * plugin reads only after an `await`: requests arriving together then all see the final count, and
 * a burst of ten against an allowance of five is refused whole. This one answers with a copy.
 */
export class RateLimitStore {
  private readonly windows = new FixedWindows();

  incr(key: string, callback: IncrCallback, timeWindow: number): void {
    const { count, resetIn } = this.windows.add(key, timeWindow);
    callback(null, { current: count, ttl: resetIn });
  }

  /** Each route with an allowance of its own gets a store of its own. */
  child(): RateLimitStore {
    return new RateLimitStore();
  }
}
