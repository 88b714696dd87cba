import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { main } from '../../src/cli/main.ts';
import { load, rec, smallCounty } from './helpers.ts';

/** `luoshi alerts --org CODE --date YYYY-MM-DD --json` on a hand-built SQLite file. */
describe('CLI: luoshi alerts', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-alerts-')), 'a.db');
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ file });
    await smallCounty(db);
    const rect = (title: string, org: string, target: string, dueOn: string, status: string, doneOn?: string) =>
      rec('rectification', org, { title, source: 'supervision', targetOrg: target, foundOn: '2023-01-02', dueOn, status, ...(doneOn ? { doneOn } : {}) });
    const pet = (subject: string, org: string, receivedOn: string, status: string, extra: Record<string, unknown> = {}) =>
      rec('petition', org, { channel: 'letter', subject, receivedOn, status, ...extra });
    await load(db, [
      rect('a', 'T', 'T-V1', '2023-05-31', 'open'),
      rect('b', 'T', 'T', '2023-06-29', 'inProgress'),
      rect('c', 'T', 'T', '2023-06-30', 'inProgress'), // due on the date: not yet overdue
      rect('d', 'T', 'T', '2023-03-01', 'done', '2023-06-30'),
      rect('e', 'T', 'T', '2023-03-01', 'done', '2023-07-01'), // done after the date: overdue as of it
      rect('f', 'T', 'T', '2023-03-01', 'longTerm'),
      rect('g', 'U', 'U-V1', '2023-04-01', 'open'),
      pet('p1', 'T', '2023-03-01', 'handling'), // due 30 April
      pet('p2', 'T-V2', '2023-05-01', 'handling'), // due 30 June: not yet
      pet('p3', 'T', '2023-02-01', 'closed', { closedOn: '2023-03-15' }),
      pet('p4', 'U', '2023-01-01', 'closed', { closedOn: '2023-07-15' }),
      pet('p5', 'T', '2023-03-01', 'handling', { dueOn: '2023-05-30', extensionApproved: true }),
      rec('branchMeeting', 'T', { branch: 'T-V1-B1', kind: 'memberAssembly', occurredOn: '2023-04-20' }),
      rec('branchMeeting', 'U-V1', { branch: 'U-V1-B1', kind: 'memberAssembly', occurredOn: '2023-07-02' }),
    ]);
    await db.close();
  });
  afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    try {
      const code = await main(['alerts', '--db', file, ...args]);
      return { code, out };
    } finally {
      spy.mockRestore();
    }
  }

  it('prints {rule, org, record, severity, message, dueOn} computed as of the date', async () => {
    const { code, out } = await cli(['--org', 'C', '--date', '2023-06-30', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as { rule: string; org: string; record: number | null; severity: string; message: string; dueOn: string | null }[];
    for (const a of list) expect(Object.keys(a).sort()).toEqual(['dueOn', 'message', 'org', 'record', 'rule', 'severity']);
    const of = (rule: string) => list.filter((a) => a.rule === rule);
    expect(of('rectification.overdue')).toHaveLength(4); // a, b, e, g
    expect(of('rectification.overdue').every((a) => typeof a.record === 'number')).toBe(true);
    expect(of('petition.overdue')).toHaveLength(3); // p1, p4, p5
    expect(
      of('branch.noMemberAssembly')
        .map((a) => a.org)
        .sort(),
    ).toEqual(['T-JG', 'T-V2-B1', 'U-V1-B1']);
    expect(of('branch.noMemberAssembly').every((a) => a.record === null)).toBe(true);
  });

  it('limits to the org subtree and rejects bad input', async () => {
    const t = JSON.parse((await cli(['--org', 'T', '--date', '2023-06-30', '--json'])).out) as { rule: string; org: string }[];
    expect(t.filter((a) => a.rule === 'rectification.overdue')).toHaveLength(3);
    expect(t.filter((a) => a.rule === 'petition.overdue')).toHaveLength(2);
    expect(
      t
        .filter((a) => a.rule === 'branch.noMemberAssembly')
        .map((a) => a.org)
        .sort(),
    ).toEqual(['T-JG', 'T-V2-B1']);
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect((await cli(['--org', 'NOPE', '--date', '2023-06-30', '--json'])).code).toBe(2);
    expect((await cli(['--org', 'C', '--date', '2023-6-30'])).code).toBe(2);
    errSpy.mockRestore();
  });
});
