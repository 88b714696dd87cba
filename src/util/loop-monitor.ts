/**
 * How long the event loop keeps callbacks waiting (perf_hooks.monitorEventLoopDelay): one
 * histogram since the process started and one per minute, so an operator sees both "ever" and
 * "lately" (the health endpoint), and a benchmark can measure exactly one phase (a LoopWindow).
 * better-sqlite3 answers synchronously, so every long query or loop shows up here.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelay {
  /** Milliseconds; p50, p99 and max of the delays sampled (every 10 ms). */
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Seconds covered. */
  seconds: number;
}

const RESOLUTION_MS = 10;

/** One histogram over a stretch of time: from its creation (or last `reset`) to `read`. */
export class LoopWindow {
  private readonly h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private since = performance.now();

  constructor() {
    this.h.enable();
  }

  read(): LoopDelay {
    const h = this.h;
    // The histogram counts the timer's own resolution as delay: subtract it, as Node's docs advise.
    const less = (ns: number) => (h.count ? Math.max(0, Math.round(ns / 1e5 - RESOLUTION_MS * 10) / 10) : 0);
    return {
      p50: less(h.percentile(50)),
      p99: less(h.percentile(99)),
      max: less(h.max),
      mean: less(h.mean),
      seconds: Math.round((performance.now() - this.since) / 100) / 10,
    };
  }

  reset(): void {
    this.h.reset();
    this.since = performance.now();
  }

  close(): void {
    this.h.disable();
  }
}

let total: LoopWindow | null = null;
let current: LoopWindow | null = null;
let lastMinute: LoopDelay | null = null;

/** Starts monitoring the process (idempotent): since start, and minute by minute. */
export function startLoopMonitor(): void {
  if (total) return;
  total = new LoopWindow();
  current = new LoopWindow();
  setInterval(() => {
    lastMinute = current!.read();
    current!.reset();
  }, 60_000).unref();
}

/** Since monitoring started, and over the last whole minute (the current one until a minute has passed). */
export function loopDelay(): { sinceStart: LoopDelay; lastMinute: LoopDelay } | null {
  if (!total || !current) return null;
  return { sinceStart: total.read(), lastMinute: lastMinute ?? current.read() };
}
