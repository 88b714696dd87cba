/**
 * A diagnostic sampler for the province bench's load mix (BENCH_PROVINCE_SAMPLE=<file>): every
 * half second, one JSON line with the machine's CPU split and pressure stalls (/proc), the CPU of
 * each process of interest (the app servers, the bench client, each PostgreSQL cluster's
 * processes summed), and what the PostgreSQL backends are doing (pg_stat_activity: state and
 * wait event, autovacuum). Read together with the client's slow-request lines (BENCH_LOAD_SLOW),
 * which carry the same wall-clock time, it tells a burst of slow requests that waits on the CPU
 * from one that waits on the disk or on a lock. Linux only; nothing here is part of the app.
 */
import fs from 'node:fs';
import pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function readProcs(): Map<number, { ppid: number; comm: string; cmd: string; ticks: number }> {
  const out = new Map<number, { ppid: number; comm: string; cmd: string; ticks: number }>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.set(Number(d), { ppid: Number(f[1]), comm, cmd, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended between readdir and read
    }
  }
  return out;
}

/** Which group a process counts in: a PostgreSQL cluster by its postmaster's port, a node process by its role. */
function groupOf(pid: number, procs: ReturnType<typeof readProcs>, self: number): string | null {
  const p = procs.get(pid)!;
  if (pid === self) return 'bench';
  if (p.comm === 'postgres' || p.cmd.startsWith('postgres:') || p.cmd.includes('/postgres ')) {
    let root = pid;
    while (procs.get(procs.get(root)?.ppid ?? 0)?.comm === 'postgres') root = procs.get(root)!.ppid;
    const m = /-D\s+(\S+)/.exec(procs.get(root)?.cmd ?? '');
    return `pg:${m?.[1]?.split('/').slice(-2).join('/') ?? root}`;
  }
  if (p.cmd.includes('luoshi') && p.cmd.includes('serve')) return `server:${pid}`;
  if (p.comm.startsWith('node') || p.comm === 'MainThread') {
    const parent = procs.get(p.ppid);
    if (parent?.cmd.includes('luoshi') && parent.cmd.includes('serve')) return `server:${pid}`;
  }
  return null;
}

function readProcStat(): number[] {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  return line.split(/\s+/).slice(1).map(Number);
}

function readPressure(kind: 'io' | 'cpu'): { some: number; full: number } {
  try {
    const t = fs.readFileSync(`/proc/pressure/${kind}`, 'utf8');
    const total = (line: string) => Number(/total=(\d+)/.exec(line)?.[1] ?? 0);
    const [some, full] = t.split('\n');
    return { some: total(some), full: full ? total(full) : 0 };
  } catch {
    return { some: 0, full: 0 };
  }
}

function readVm(): { majflt: number; pgpgin: number; pgpgout: number } {
  const t = fs.readFileSync('/proc/vmstat', 'utf8');
  const v = (k: string) => Number(new RegExp(`^${k} (\\d+)`, 'm').exec(t)?.[1] ?? 0);
  return { majflt: v('pgmajfault'), pgpgin: v('pgpgin'), pgpgout: v('pgpgout') };
}

const ACTIVITY = `select backend_type, state, coalesce(wait_event_type, '-') as wt, coalesce(wait_event, '-') as we,
  left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as q, extract(epoch from now() - query_start) * 1000 as ms
  from pg_stat_activity where pid <> pg_backend_pid() and (state is null or state <> 'idle')`;

/** Starts sampling; the returned function stops it and closes the file. */
export async function startSampler(file: string, urls: Record<string, string>, everyMs = 500): Promise<() => Promise<void>> {
  const clients = new Map<string, pg.Client>();
  for (const [name, url] of Object.entries(urls)) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.set(name, c);
  }
  const fd = fs.openSync(file, 'w');
  let prev = { stat: readProcStat(), io: readPressure('io'), cpu: readPressure('cpu'), vm: readVm(), procs: readProcs(), t: performance.now() };
  let stopped = false;
  let busy = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const now = { stat: readProcStat(), io: readPressure('io'), cpu: readPressure('cpu'), vm: readVm(), procs: readProcs(), t: performance.now() };
      const dt = now.t - prev.t;
      const d = now.stat.map((x, i) => x - prev.stat[i]);
      const all = d.reduce((a, b) => a + b, 0) || 1;
      const pct = (x: number) => Math.round((1000 * x) / all) / 10;
      const groups: Record<string, number> = {};
      for (const [pid, p] of now.procs) {
        const g = groupOf(pid, now.procs, process.pid);
        if (!g) continue;
        const before = prev.procs.get(pid)?.ticks ?? p.ticks;
        groups[g] = (groups[g] ?? 0) + ((p.ticks - before) * TICK_MS * 100) / dt; // % of one core
      }
      const pg: Record<string, unknown> = {};
      for (const [name, c] of clients) {
        const rows = (await c.query<{ backend_type: string; state: string | null; wt: string; we: string; q: string; ms: number }>(ACTIVITY)).rows;
        const waits: Record<string, number> = {};
        let active = 0;
        const long: string[] = [];
        const other: string[] = [];
        for (const r of rows) {
          if (r.backend_type === 'client backend') {
            if (r.state === 'active') active++;
            const k = `${r.state}:${r.wt}/${r.we}`;
            waits[k] = (waits[k] ?? 0) + 1;
            if (r.ms > 200 && r.state === 'active') long.push(`${Math.round(r.ms)}ms ${r.wt}/${r.we} ${r.q}`);
          } else if (r.wt !== 'Activity' && r.backend_type !== 'walsender') other.push(`${r.backend_type}:${r.wt}/${r.we}${r.q ? ' ' + r.q : ''}`);
        }
        pg[name] = { active, waits, long: long.slice(0, 5), other };
      }
      const line = {
        t: new Date().toISOString().slice(11, 23),
        cpu: { user: pct(d[0] + d[1]), sys: pct(d[2]), iowait: pct(d[4]), idle: pct(d[3]), steal: pct(d[7] ?? 0) },
        psi: {
          ioSome: Math.round(((now.io.some - prev.io.some) / 1000 / dt) * 100),
          ioFull: Math.round(((now.io.full - prev.io.full) / 1000 / dt) * 100),
          cpuSome: Math.round(((now.cpu.some - prev.cpu.some) / 1000 / dt) * 100),
        },
        vm: { majflt: now.vm.majflt - prev.vm.majflt, inKB: now.vm.pgpgin - prev.vm.pgpgin, outKB: now.vm.pgpgout - prev.vm.pgpgout },
        procs: Object.fromEntries(
          Object.entries(groups)
            .filter(([, v]) => v >= 1)
            .map(([k, v]) => [k, Math.round(v)]),
        ),
        pg,
      };
      fs.writeSync(fd, JSON.stringify(line) + '\n');
      prev = now;
    } catch (e) {
      fs.writeSync(fd, JSON.stringify({ t: new Date().toISOString().slice(11, 23), error: (e as Error).message }) + '\n');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    while (busy) await new Promise((r) => setTimeout(r, 20));
    fs.closeSync(fd);
    for (const c of clients.values()) await c.end();
  };
}
