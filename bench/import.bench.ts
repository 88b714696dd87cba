/**
 * Import throughput: 100,000 JSON Lines records over a synthetic county (orgs as org lines),
 * parsed and imported into a fresh SQLite file, and into PostgreSQL when DATABASE_URL is set,
 * through the same write path as the server (write guards installed). Two figures each: the
 * import until it commits, and the alert recomputation of the towns it touched that follows
 * before the import returns. Target: under 20 s on the 2-core reference machine.
 *
 *   npx tsx bench/import.bench.ts [records]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { pgAdmin } from './pg-admin.ts';
import { isPostgresUrl, openDb, type Db } from '../src/db/kysely.ts';
import { importItems, parseJsonLines } from '../src/ledger/import.ts';
import { systemPrincipal } from '../src/ledger/export.ts';
import { registerAfterWrite } from '../src/ledger/hooks.ts';
import { installAlertHooks } from '../src/alerts/register.ts';
import { idCheckDigit } from '../src/shared/idnumber.ts';

const pick = <T>(a: readonly T[], i: number): T => a[i % a.length];
const day = (i: number) => {
  const d = new Date(Date.UTC(2023, 0, 1) + (i % 360) * 86400_000);
  return d.toISOString().slice(0, 10);
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰'];
const person = (i: number) => pick(SURNAMES, i) + pick(GIVEN, i >> 3) + (i % 3 ? pick(GIVEN, i >> 5) : '');
function idNumber(i: number): string {
  const birth = `19${60 + (i % 40)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  const first17 = `120223${birth}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/** The synthetic county as JSON Lines: orgs first, then `n` records spread over the ledgers. */
export function syntheticCounty(n: number, towns = 10, villages = 20): string {
  const lines: string[] = [JSON.stringify({ type: 'org', code: 'BX', name: '滨溪县', kind: 'county', parent: null, profile: { countyName: '滨溪县' } })];
  const villageCodes: string[][] = [];
  for (let t = 1; t <= towns; t++) {
    const tc = `BX-T${String(t).padStart(2, '0')}`;
    lines.push(JSON.stringify({ type: 'org', code: tc, name: `第${t}镇`, kind: 'town', parent: 'BX' }));
    const vs: string[] = [];
    for (let v = 1; v <= villages; v++) {
      const vc = `${tc}-V${String(v).padStart(2, '0')}`;
      lines.push(JSON.stringify({ type: 'org', code: vc, name: `第${t}镇${v}村`, kind: v % 7 === 0 ? 'community' : 'village', parent: tc }));
      lines.push(JSON.stringify({ type: 'org', code: `${vc}-B1`, name: `第${t}镇${v}村党支部`, kind: 'branch', parent: vc }));
      vs.push(vc);
    }
    villageCodes.push(vs);
  }
  const makers: ((i: number, town: string, village: string) => { ledger: string; fields: Record<string, unknown> })[] = [
    (i, _t, v) => ({
      ledger: 'rectification',
      fields: {
        title: `问题${i}：村务公开不及时`,
        source: pick(['inspection', 'supervision', 'selfCheck', 'higherCheck'], i),
        targetOrg: v,
        foundOn: day(i),
        dueOn: day(i + 60),
        status: 'done',
        doneOn: day(i + 30),
        owner: person(i),
      },
    }),
    (i) => ({
      ledger: 'talk',
      fields: { kind: pick(['integrityDuty', 'heartToHeart', 'reminder'], i), talker: person(i), talkees: [person(i + 1), person(i + 2)], occurredOn: day(i) },
    }),
    (i) => ({
      ledger: 'activity',
      fields: {
        type: pick(['warningConference', 'reflection', 'onlineRepost', 'banner', 'volunteerService'], i),
        title: `活动${i}`,
        occurredOn: day(i),
        quantity: (i % 9) + 1,
      },
    }),
    (i, _t, v) => ({
      ledger: 'partyMember',
      fields: {
        name: person(i),
        gender: pick(['男', '女'], i),
        birthDate: idNumber(i).replace(/^\d{6}(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3'),
        idNumber: idNumber(i),
        branch: `${v}-B1`,
        joinedOn: day(i),
        status: 'full',
        occupation: '农民',
        education: '高中',
      },
    }),
    (i) => ({
      ledger: 'dispute',
      fields: {
        source: pick(['countyTransfer', 'center', 'grid', 'screening'], i),
        type: '邻里纠纷',
        parties: [person(i), person(i + 7)],
        registeredOn: day(i),
        status: 'resolved',
        resolvedOn: day(i + 5),
        fengqiao: i % 2 === 0,
      },
    }),
  ];
  for (let i = 0; i < n; i++) {
    const t = i % towns;
    const village = pick(villageCodes[t], i >> 4);
    const org = i % 3 === 0 ? `BX-T${String(t + 1).padStart(2, '0')}` : village;
    // About 1 % each of sanctions and cadre actions, so the 影响期 write guard has work to do (no clash).
    const { ledger, fields } =
      i % 97 === 1
        ? { ledger: 'sanction', fields: { person: `处${i}`, kind: pick(['warning', 'seriousWarning', 'demerit'], i), decidedOn: day(i) } }
        : i % 89 === 2
          ? { ledger: 'cadreAction', fields: { kind: pick(['civilServantRank', 'staffGrade'], i), person: person(i), effectiveOn: day(i) } }
          : pick(makers, i)(i, org, village);
    lines.push(JSON.stringify({ type: 'record', ledger, org, fields }));
  }
  return lines.join('\n') + '\n';
}

async function freshPostgres(url: string): Promise<Db> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  await pgAdmin(url, `create schema ${schema}`);
  const db = await openDb({ url, schema });
  const close = db.close;
  db.close = async () => {
    await close();
    await pgAdmin(url, `drop schema ${schema} cascade`);
  };
  return db;
}

/** The moment the import committed: an after-write hook registered before the alert center's. */
let committedAt = 0;
/** This process's CPU time (user + system) at that moment. */
let committedCpu: NodeJS.CpuUsage = { user: 0, system: 0 };

/**
 * Seconds to commit (parse, validate, write, guards) and then to recompute the alert center, and
 * this process's CPU seconds (user + system) until the commit: on a shared machine the steadier
 * figure; on PostgreSQL it leaves out the server's own work.
 */
async function timeImport(db: Db, text: string, n: number): Promise<{ commit: number; alerts: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { items, errors } = parseJsonLines(text);
  const res = await importItems(db.kysely, await systemPrincipal(db.kysely), items, { preErrors: errors });
  const end = performance.now();
  if (!res.ok || res.total !== n) throw new Error(`import failed: ${JSON.stringify(res.errors.slice(0, 5))}`);
  return {
    commit: (committedAt - t0) / 1000,
    alerts: (end - committedAt) / 1000,
    cpu: (committedCpu.user - cpu0.user + committedCpu.system - cpu0.system) / 1e6,
  };
}

function figures(where: string, n: number, t: { commit: number; alerts: number; cpu: number }) {
  return [
    { name: `import ${n} JSONL records (${where})`, value: t.commit, unit: 's' },
    { name: `import ${n} JSONL records, this process's CPU time (${where})`, value: t.cpu, unit: 's' },
    { name: `alert recomputation after the import (${where})`, value: t.alerts, unit: 's' },
  ];
}

export default async function run(n = 100_000): Promise<{ name: string; value: number; unit: string }[]> {
  process.env.LUOSHI_SECRET ??= 'bench-secret';
  registerAfterWrite('*', 'bench.committed', () => {
    committedAt = performance.now();
    committedCpu = process.cpuUsage();
  });
  installAlertHooks(); // the server's write guards and after-write work
  const text = syntheticCounty(n);
  const out: { name: string; value: number; unit: string }[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
  try {
    const db = await openDb({ file: path.join(dir, 'bench.db') });
    try {
      out.push(...figures('SQLite file', n, await timeImport(db, text, n)));
    } finally {
      await db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (isPostgresUrl(url)) {
    const db = await freshPostgres(url);
    try {
      out.push(...figures('PostgreSQL', n, await timeImport(db, text, n)));
    } finally {
      await db.close();
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 100_000);
  run(n).then(
    (rs) => {
      for (const r of rs) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
