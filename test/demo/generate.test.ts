import { describe, expect, it } from 'vitest';
import { generateDemoRecords, type DemoTown, type InterchangeLine } from '../../src/demo/generate.ts';
import { builtinLedgers, getBuiltinLedger } from '../../src/catalog/index.ts';
import type { FieldDecl } from '../../src/ledger/types.ts';

const VILLAGES = ['东湖村', '西湖村', '柳营村', '杏花村', '前进村', '大王庄村', '小河沿村', '湖滨社区'];
const TOWN: DemoTown = {
  code: 'QH-DH',
  name: '东湖镇',
  villages: VILLAGES.map((name, i) => {
    const code = `QH-DH-V${String(i + 1).padStart(2, '0')}`;
    return { code, name, branches: [{ code: `${code}-B1`, name: `${name}党支部` }] };
  }),
  branches: [{ code: 'QH-DH-JG', name: '机关党支部' }],
  departments: [{ code: 'QH-DH-D01', name: '党政综合办公室' }],
};
const OTHER: DemoTown = {
  code: 'QH-NP',
  name: '南坪镇',
  villages: [{ code: 'QH-NP-V01', name: '南坪村', branches: [{ code: 'QH-NP-V01-B1', name: '南坪村党支部' }] }],
};
const YEAR = 2023;
const lines = generateDemoRecords({ towns: [TOWN], year: YEAR, seed: 7 });
const codes = new Set([TOWN.code, ...TOWN.villages.flatMap((v) => [v.code, ...v.branches.map((b) => b.code)]), 'QH-DH-JG', 'QH-DH-D01']);
const of = (ledger: string) => lines.filter((l) => l.ledger === ledger);

/** GB 11643, written independently of the generator. */
function validId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = w.reduce((acc, x, i) => acc + x * Number(id[i]), 0);
  return '10X98765432'[s % 11] === id[17];
}
const idBirth = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Why a value does not fit its field, or null. */
function badValue(f: FieldDecl, v: unknown): string | null {
  switch (f.kind) {
    case 'enum':
      return f.options.some((o) => o.value === v) ? null : 'not an option';
    case 'date':
      if (!isDate(v) || !/^(19|20)/.test(v as string)) return 'not a date';
      // Only deadlines may lie beyond the demo year.
      return /due/i.test(f.key) || (v as string) <= `${YEAR}-12-31` ? null : 'after the demo year';
    case 'month':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(String(v)) ? null : 'not a month';
    case 'int':
      return Number.isInteger(v) ? null : 'not an integer';
    case 'money':
      return typeof v === 'number' && v >= 0 ? null : 'not an amount';
    case 'bool':
      return typeof v === 'boolean' ? null : 'not a boolean';
    case 'list':
      return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0) ? null : 'not a list of names';
    case 'org':
      return codes.has(v as string) ? null : 'unknown org';
    case 'idNumber':
      return validId(v as string) ? null : 'bad checksum';
    default:
      return typeof v === 'string' && v.length > 0 ? null : 'not a text';
  }
}

describe('generateDemoRecords', () => {
  it('is deterministic for a seed and varies with it', () => {
    expect(generateDemoRecords({ towns: [TOWN], year: YEAR, seed: 7 })).toEqual(lines);
    expect(generateDemoRecords({ towns: [TOWN], year: YEAR, seed: 8 })).not.toEqual(lines);
  });

  it('does not depend on the other towns generated alongside', () => {
    const both = generateDemoRecords({ towns: [TOWN, OTHER], year: YEAR, seed: 7 });
    expect(both.filter((l) => l.org.startsWith('QH-DH'))).toEqual(lines);
    expect(both.some((l) => l.org.startsWith('QH-NP'))).toBe(true);
  });

  it('fills every ledger with a realistic volume, scaled by `scale`', () => {
    for (const l of builtinLedgers) expect(of(l.key).length, l.key).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThanOrEqual(1500);
    expect(lines.length).toBeLessThanOrEqual(3000);
    const double = generateDemoRecords({ towns: [TOWN], year: YEAR, seed: 7, scale: 2 });
    expect(double.length).toBeGreaterThan(lines.length * 1.5);
  });

  it('writes only declared fields with valid values, under the town’s orgs', () => {
    const errors: string[] = [];
    for (const [i, line] of lines.entries()) {
      const at = `line ${i + 1} ${line.ledger}`;
      if (line.type !== 'record' || !codes.has(line.org)) errors.push(`${at}: org ${line.org}`);
      const decl = getBuiltinLedger(line.ledger);
      if (!decl) {
        errors.push(`${at}: unknown ledger`);
        continue;
      }
      for (const [key, v] of Object.entries(line.fields)) {
        const f = decl.fields.find((x) => x.key === key);
        const bad = f ? badValue(f, v) : 'undeclared field';
        if (bad) errors.push(`${at}.${key}=${JSON.stringify(v)}: ${bad}`);
      }
      for (const f of decl.fields) if (f.required && line.fields[f.key] === undefined) errors.push(`${at}.${f.key}: required`);
    }
    expect(errors.slice(0, 20)).toEqual([]);
  });

  it('files records where a cadre would', () => {
    const villages = new Set(TOWN.villages.map((v) => v.code));
    const branches = new Set([...TOWN.villages.flatMap((v) => v.branches.map((b) => b.code)), 'QH-DH-JG']);
    for (const k of ['branchMeeting', 'partyMember', 'development', 'dues']) for (const l of of(k)) expect(branches.has(l.org), k).toBe(true);
    for (const l of of('branchMeeting')) expect(l.fields.branch).toBe(l.org);
    for (const l of of('rectification')) {
      expect(l.org).toBe(TOWN.code);
      expect(l.fields.targetOrg === TOWN.code || villages.has(l.fields.targetOrg as string)).toBe(true);
    }
    for (const k of ['petition', 'dispute']) for (const l of of(k)) expect(l.org === TOWN.code || villages.has(l.org), k).toBe(true);
  });

  it('keeps states consistent with their dates, with some overdue work', () => {
    const end = `${YEAR}-12-31`;
    const closedBy: Record<string, [string, string[]]> = {
      rectification: ['doneOn', ['done']],
      practicalMatter: ['doneOn', ['done']],
      demand: ['resolvedOn', ['resolved']],
      petition: ['closedOn', ['closed']],
      dispute: ['resolvedOn', ['resolved', 'referred']],
    };
    for (const [ledger, [field, states]] of Object.entries(closedBy)) {
      const recs = of(ledger);
      expect(new Set(recs.map((l) => l.fields.status)).size, ledger).toBeGreaterThan(1);
      for (const l of recs) expect(states.includes(l.fields.status as string), `${ledger} ${JSON.stringify(l.fields)}`).toBe(l.fields[field] !== undefined);
    }
    const overdue = (l: InterchangeLine, closed: string[]) => !closed.includes(l.fields.status as string) && (l.fields.dueOn as string) < end;
    expect(of('rectification').filter((l) => overdue(l, ['done', 'longTerm'])).length).toBeGreaterThan(0);
    expect(of('petition').filter((l) => overdue(l, ['closed'])).length).toBeGreaterThan(0);
    for (const l of of('clue')) if (l.fields.disposal === 'caseFiled' && l.fields.status === 'disposed') expect(l.fields.filedOn).toBeDefined();
    for (const l of of('petition')) expect(l.fields.dueOn! >= l.fields.receivedOn!).toBe(true);
  });

  it('covers the report: inspection of the town and villages, cases, young farmers, the demo quarter', () => {
    const insp = of('rectification').filter((l) => l.fields.source === 'inspection' && (l.fields.foundOn as string).startsWith(`${YEAR}`));
    expect(insp.some((l) => l.fields.targetOrg === TOWN.code)).toBe(true);
    expect(insp.some((l) => l.fields.targetOrg !== TOWN.code)).toBe(true);
    expect(of('clue').some((l) => l.fields.disposal === 'caseFiled' && String(l.fields.filedOn).startsWith(`${YEAR}`))).toBe(true);
    const age = (birth: string, on: string) => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
    const dev = of('development');
    expect(
      dev.some(
        (l) =>
          l.fields.occupation === '农民' &&
          String(l.fields.appliedOn).startsWith(`${YEAR}`) &&
          age(l.fields.birthDate as string, l.fields.appliedOn as string) < 35,
      ),
    ).toBe(true);
    const admitted = dev.filter((l) => String(l.fields.admittedOn ?? '').startsWith(`${YEAR}`));
    expect(admitted.some((l) => age(l.fields.birthDate as string, l.fields.admittedOn as string) < 35)).toBe(true);
    for (const l of builtinLedgers) {
      // Rosters and year-start lists are as-of data; everything else happens in the demo quarter too.
      if (['partyMember', 'development', 'relative', 'riskPoint', 'practicalMatter', 'dues'].includes(l.key)) continue;
      expect(
        of(l.key).some((r) => (r.fields[l.dateField] as string) >= `${YEAR}-10-01`),
        l.key,
      ).toBe(true);
    }
    const cadres = new Set(of('relative').map((l) => l.fields.cadre));
    expect(cadres.size).toBeGreaterThanOrEqual(40);
  });

  it('gives ID numbers that match the birth dates, except a few incomplete member entries', () => {
    for (const l of of('relative')) expect(validId(l.fields.idNumber as string)).toBe(true);
    const members = of('partyMember');
    const complete = members.filter((l) => {
      const f = l.fields;
      return (
        ['name', 'gender', 'birthDate', 'education', 'occupation', 'branch', 'joinedOn', 'phone', 'idNumber'].every((k) => f[k] !== undefined) &&
        idBirth(f.idNumber as string) === f.birthDate
      );
    });
    expect(complete.length / members.length).toBeGreaterThan(0.85);
    expect(complete.length).toBeLessThan(members.length);
    for (const l of members) if (l.fields.idNumber) expect(Number(l.fields.idNumber.toString()[16]) % 2).toBe(l.fields.gender === '男' ? 1 : 0);
  });
});
