/**
 * The two phases of the load bench (./load.bench.ts): people at work (sessions with pauses,
 * every latency recorded) and capacity (autocannon, 200 connections without pause).
 */
import { createRequire } from 'node:module';

export interface Session {
  cookie: string;
  csrf: string;
  /** Whose town the session works in (default: the demo's 东湖镇, bench/load.bench.ts). */
  place?: Place;
  /** A city's or province's reviewer instead: the region dashboard, a county's dashboard and its comparison. */
  reviewer?: { region: string; county: string; period: string };
}

/** A town session's town, its villages, the 问题整改 records it opens and edits, and its dates. */
export interface Place {
  town: string;
  village: (n: number) => string;
  ids: number[];
  period: string;
  /** A day of the period (a new record's 发现日期), and a quarter to filter the list by. */
  day: string;
  from: string;
  to: string;
}

const DEMO_PLACE: Omit<Place, 'ids'> = {
  town: 'QH-DH',
  village: (n) => 'QH-DH-V0' + (1 + (n % 8)),
  period: '2023Q4',
  day: '2023-11-06',
  from: '2023-04-01',
  to: '2023-06-30',
};

/** The part of autocannon's programmatic API used here (the package ships no types). */
export interface AcRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (r: AcRequest) => AcRequest;
}
interface AcClient {
  setRequests(r: AcRequest[]): void;
  on(event: 'response', fn: (status: number) => void): void;
  on(event: 'body', fn: (body: Buffer) => void): void;
}
export interface AcResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
export type Autocannon = (o: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  overallRate?: number;
  requests: AcRequest[];
  setupClient: (c: AcClient) => void;
}) => Promise<AcResult>;

/** One connection's request cycle: 4 list, 3 detail, 1 create, 1 update, 1 metrics. */
export function requestsFor(s: Session, demoIds: number[], n: number): AcRequest[] {
  const get = { cookie: s.cookie, accept: 'application/json' };
  if (s.reviewer) {
    const { region, county, period } = s.reviewer;
    const at = (path: string): AcRequest => ({ method: 'GET', path, headers: get });
    return [
      at(`/api/dashboard/region?org=${region}&period=${period}`),
      at(`/api/dashboard/county?org=${county}&period=${period}`),
      at(`/api/metrics?org=${county}&period=${period}&breakdown=1`),
    ];
  }
  const place = s.place ?? { ...DEMO_PLACE, ids: demoIds };
  const ids = place.ids;
  const write = { ...get, 'content-type': 'application/json', 'x-csrf-token': s.csrf };
  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  const filters = [
    'status=open',
    'status=done&sort=-dueOn',
    'q=整改',
    `from=${place.from}&to=${place.to}`,
    'kind=inspection',
    'overdue=1',
    `org=${place.village(0)}`,
    'page=2&pageSize=50',
  ];
  const list = (): AcRequest => ({
    method: 'GET',
    path: '/',
    headers: get,
    setupRequest: (r) => ({ ...r, path: `/api/ledgers/rectification/records?${encodeURI(filters[Math.floor(Math.random() * filters.length)])}` }),
  });
  const detail = (): AcRequest => ({ method: 'GET', path: '/', headers: get, setupRequest: (r) => ({ ...r, path: `/api/records/${pick()}` }) });
  const body = () =>
    JSON.stringify({
      org: place.town,
      fields: {
        title: `压测问题${n}-${Math.random().toString(36).slice(2, 8)}`,
        source: 'selfCheck',
        targetOrg: place.village(n),
        foundOn: place.day,
        owner: '张三',
      },
    });
  const create: AcRequest = { method: 'POST', path: '/api/ledgers/rectification/records', headers: write, setupRequest: (r) => ({ ...r, body: body() }) };
  const metrics: AcRequest = { method: 'GET', path: `/api/metrics?org=${place.town}&period=${place.period}`, headers: get };
  const update: AcRequest = {
    method: 'PATCH',
    path: '/',
    headers: write,
    setupRequest: (r) => ({
      ...r,
      path: `/api/records/${pick()}`,
      body: JSON.stringify({ fields: { note: `压测备注${Math.random().toString(36).slice(2, 8)}` } }),
    }),
  };
  // BENCH_LOAD_ONLY=list|detail|create|update|metrics runs one kind alone (for profiling).
  const only = process.env.BENCH_LOAD_ONLY;
  if (only) return [{ list: list(), detail: detail(), create, update, metrics }[only as 'list'] ?? list()];
  return [list(), detail(), list(), create, detail(), list(), metrics, detail(), list(), update];
}

export interface PhaseResult {
  total: number;
  errors: number;
  codes: string;
  p50: number;
  p99: number;
  max: number;
  byKind: Record<string, { n: number; p50: number; p99: number }>;
  samples: string[];
}

const pct = (xs: number[], q: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] : NaN);
const ms = (x: number) => Math.round(x * 10) / 10;

/**
 * One person per session, each sending its cycle of requests with an exponential pause between
 * them. Each starts at the beginning of its cycle, so in the first seconds of a phase the people
 * do the same things at about the same time (all lists, then all creates a few seconds later):
 * that is a start. `positions` (one per session) continues the cycles where an earlier phase
 * left them and is updated at the end, so a phase after a warm-up measures people who are no
 * longer in step.
 */
export async function sessionsPhase(
  base: string,
  sessions: Session[],
  ids: number[],
  seconds: number,
  thinkMs: number,
  positions?: number[],
): Promise<PhaseResult> {
  const start = Date.now();
  const until = start + seconds * 1000;
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  const statuses = new Map<string, number>();
  const samples: string[] = [];
  let errors = 0;
  const pause = () => new Promise((r) => setTimeout(r, Math.min(-Math.log(1 - Math.random()) * thinkMs, thinkMs * 8)));
  const person = async (i: number) => {
    const cycle = requestsFor(sessions[i], ids, i);
    await new Promise((r) => setTimeout(r, Math.random() * thinkMs)); // people do not start in step
    for (let k = positions?.[i] ?? 0; Date.now() < until; k++) {
      if (positions) positions[i] = k + 1;
      const spec = cycle[k % cycle.length];
      const req = spec.setupRequest ? spec.setupRequest({ ...spec }) : spec;
      const kind = requestKind(req);
      const t = performance.now();
      let status: string;
      try {
        const res = await fetch(base + req.path, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(10_000) });
        const body = await res.text();
        status = String(res.status);
        if (res.status >= 300) {
          errors++;
          if (samples.length < 5) samples.push(`${req.method} ${req.path} → ${res.status} ${body.slice(0, 160)}`);
        }
      } catch (e) {
        errors++;
        status = (e as Error).name === 'TimeoutError' ? 'timeout' : 'error';
        if (samples.length < 5) samples.push(`${req.method} ${req.path} → ${(e as Error).message}`);
      }
      const d = performance.now() - t;
      if (process.env.BENCH_LOAD_SLOW && d > Number(process.env.BENCH_LOAD_SLOW))
        process.stderr.write(
          `  client: ${new Date().toISOString().slice(11, 23)} ${req.method} ${req.path} ${d.toFixed(0)} ms, ${((Date.now() - start) / 1000).toFixed(1)} s into the phase\n`,
        );
      all.push(d);
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind)!.push(d);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      await pause();
    }
  };
  await Promise.all(sessions.map((_, i) => person(i)));
  all.sort((a, b) => a - b);
  return {
    total: all.length,
    errors,
    codes: [...statuses]
      .sort()
      .map(([c, k]) => `${c}×${k}`)
      .join(' '),
    p50: ms(pct(all, 0.5)),
    p99: ms(pct(all, 0.99)),
    max: ms(all[all.length - 1] ?? NaN),
    byKind: Object.fromEntries(
      [...byKind].sort().map(([k, xs]) => {
        xs.sort((a, b) => a - b);
        return [k, { n: xs.length, p50: ms(pct(xs, 0.5)), p99: ms(pct(xs, 0.99)) }];
      }),
    ),
    samples,
  };
}

function requestKind(r: AcRequest): string {
  if (r.path.startsWith('/api/dashboard/region')) return 'province dashboard';
  if (r.path.startsWith('/api/dashboard/county') || r.path.includes('breakdown=1')) return 'county dashboard / comparison';
  if (r.method === 'POST') return 'create';
  if (r.method === 'PATCH') return 'update';
  if (r.path.startsWith('/api/metrics')) return 'metrics';
  return r.path.includes('/records?') ? 'list' : 'detail';
}

/** 200 connections (or BENCH_LOAD_CONNECTIONS) with no pause, each cycling through its session's requests. */
export async function capacityPhase(
  base: string,
  sessions: Session[],
  ids: number[],
  connections: number,
  seconds: number,
): Promise<{ c: AcResult; codes: string }> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let next = 0;
  const statuses = new Map<number, number>();
  const c = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'GET', path: '/api/health' }],
    setupClient: (client) => {
      const n = next++;
      client.setRequests(requestsFor(sessions[n % sessions.length], ids, n));
      client.on('response', (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
    },
  });
  return {
    c,
    codes: [...statuses]
      .sort((x, y) => x[0] - y[0])
      .map(([k, v]) => `${k}×${v}`)
      .join(' '),
  };
}
