import fs from 'node:fs';
import os from 'node:os';

/**
 * Background work yields the CPU to requests: on Linux this thread (not the process) gets nice
 * +10, so on a two-core server a county-wide run takes what the requests leave. Linux's
 * setpriority accepts a thread id, found through /proc/thread-self. Elsewhere nothing changes.
 */
export function lowerThreadPriority(nice = 10): number | null {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    os.setPriority(tid, Math.max(os.getPriority(tid), nice));
    return os.getPriority(tid);
  } catch {
    return null;
  }
}
