/**
 * Transparent huge pages for the scrypt work area (docs/security.md, "Passwords"; docs/deploy.md).
 *
 * Each login hashes with scrypt N = 2^17, r = 8: OpenSSL allocates 128 MiB through glibc's malloc,
 * which gets a fresh mmap every time. With 4 KiB pages that is ~32,800 page faults per login (the
 * kernel zero-fills each page on first touch) plus TLB misses in ROMix's random reads. glibc ≥ 2.35
 * has a tunable, `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, that makes malloc madvise(MADV_HUGEPAGE)
 * such areas: ~580 faults per hash, about a fifth less CPU per login. Tunables are read when the
 * process starts, so the setting has to be in the environment before Node.js runs: the bundle's
 * `luoshi` launcher (packaging/luoshi) exports it; `node bin/luoshi.mjs serve` (npm start) starts
 * itself once more with it when it would help. `LUOSHI_HUGEPAGES=off` turns both off; an explicit
 * `glibc.malloc.hugetlb` in GLIBC_TUNABLES is left as it is.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export const TUNABLE = 'glibc.malloc.hugetlb';

export interface HostFacts {
  platform: NodeJS.Platform;
  /** glibc version the process runs on ("2.36"); undefined on musl and outside Linux. */
  glibc: string | undefined;
  /** The selected mode in /sys/kernel/mm/transparent_hugepage/enabled ("always", "madvise", "never"), or null. */
  thp: string | null;
}

export function hostFacts(): HostFacts {
  if (process.platform !== 'linux') return { platform: process.platform, glibc: undefined, thp: null };
  let thp: string | null;
  try {
    thp = /\[(\w+)\]/.exec(fs.readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1] ?? null;
  } catch {
    thp = null;
  }
  // Only worth the report's cost (~20 ms) when the answer can matter.
  if (thp !== 'madvise') return { platform: 'linux', glibc: undefined, thp };
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return { platform: 'linux', glibc: header?.glibcVersionRuntime, thp };
}

function glibcAtLeast(v: string | undefined, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(v ?? '');
  return !!m && (Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor));
}

/**
 * The environment to run the server with, or null when a restart would change nothing: not
 * Linux/glibc ≥ 2.35 (musl, macOS, Windows, older glibc ignore the tunable), THP "always" (the
 * kernel already uses huge pages) or "never" (it will not), turned off, or already decided.
 */
export function hugepageEnv(env: NodeJS.ProcessEnv, facts: HostFacts): NodeJS.ProcessEnv | null {
  if (env.LUOSHI_HUGEPAGES) return null; // "off", or "on" from the launcher that started this process
  if ((env.GLIBC_TUNABLES ?? '').includes(TUNABLE)) return null;
  if (facts.platform !== 'linux' || facts.thp !== 'madvise' || !glibcAtLeast(facts.glibc, 2, 35)) return null;
  return { ...env, GLIBC_TUNABLES: env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:${TUNABLE}=1` : `${TUNABLE}=1`, LUOSHI_HUGEPAGES: 'on' };
}

/** Whether this process runs with the tunable (as the bench reports it). */
export function hugepagesOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return /(^|:)glibc\.malloc\.hugetlb=[12](:|$)/.test(env.GLIBC_TUNABLES ?? '');
}

// Not SIGUSR1: Node.js keeps it for its inspector.
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const;

/**
 * Runs this same script (same Node.js flags and arguments) once more in a child with `env`,
 * stdio shared, signals sent to this process passed on; resolves with the child's exit code.
 * A child ended by a signal ends this process by the same signal, so a supervisor sees what
 * it would have seen without the extra process.
 */
export function rerun(env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: 'inherit' });
  const pass = (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  };
  for (const s of FORWARDED) process.on(s, pass);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      for (const s of FORWARDED) process.off(s, pass);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, pass);
      if (signal) {
        process.kill(process.pid, signal);
        // Still here (the signal is handled or ignored elsewhere): the shell's convention.
        resolve(128 + (os.constants.signals[signal] ?? 0));
        return;
      }
      resolve(code ?? 1);
    });
  });
}
