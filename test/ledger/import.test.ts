import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/kysely.ts';
import { parseJson } from '../../src/db/kysely.ts';
import { main } from '../../src/cli/main.ts';
import { UnreadableFileError } from '../../src/ledger/excel/source.ts';
import { importItems, parseJsonLines } from '../../src/ledger/import.ts';
import { systemPrincipal } from '../../src/ledger/export.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { fixture, importFile, tableCounts } from '../fixtures/import/setup.ts';
import { syntheticCounty } from '../../bench/import.bench.ts';

process.env.LUOSHI_SECRET ??= 'test-secret';

describe(`${dialectName}: JSON Lines import`, () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
    const orgs = await importFile(db.kysely, fixture('orgs.jsonl'));
    expect(orgs.ok, JSON.stringify(orgs.errors)).toBe(true);
    expect(orgs.orgs).toBe(7);
  });
  let db2: Db | undefined;
  const empty = () => db2!.kysely;
  beforeEach(async () => {
    db2 = await createTestDb();
  });
  afterEach(async () => {
    await db.close();
    await db2?.close();
  });

  it('refuses a file with bad lines, reports each by line number and field, and writes nothing', async () => {
    const before = await tableCounts(db.kysely);
    const r = await importFile(db.kysely, fixture('mixed.jsonl'));
    expect(r.ok).toBe(false);
    const byLine = new Map<number, string[]>();
    for (const e of r.errors) byLine.set(e.line!, [...(byLine.get(e.line!) ?? []), e.field ?? '']);
    expect(byLine.get(2)).toEqual(['ledger']); // unknown ledger
    expect(byLine.get(4)).toEqual(['foundOn']); // 2023-02-30
    expect(byLine.get(5)).toEqual(['source']); // enum value not in the list
    expect(byLine.get(6)).toEqual(['org']); // unknown org
    expect(byLine.get(7)).toEqual(['title']); // missing required field
    expect(byLine.get(8)).toEqual(['idNumber']); // wrong checksum
    expect(byLine.get(9)).toEqual(['']); // not JSON
    for (const good of [1, 3, 10]) expect(byLine.has(good)).toBe(false);
    for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.errors.find((e) => e.line === 4)!.message).toContain('2023-02-30');
    expect(r.errors.find((e) => e.line === 8)!.message).toContain('校验位');
    expect(await tableCounts(db.kysely)).toEqual(before);
  });

  it('dry run validates and writes nothing; the real import writes the right counts', async () => {
    const before = await tableCounts(db.kysely);
    const dry = await importFile(db.kysely, fixture('good.jsonl'), { dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, total: 8, counts: { rectification: 3, talk: 2, partyMember: 1, activity: 2 } });
    expect(await tableCounts(db.kysely)).toEqual(before);

    const r = await importFile(db.kysely, fixture('good.jsonl'));
    expect(r).toMatchObject({ ok: true, dryRun: false, total: 8, orgs: 0, errors: [] });
    const after = await tableCounts(db.kysely);
    expect(after.records - before.records).toBe(8);
    expect(after.audit_log).toBeGreaterThan(before.audit_log);
    const rows = await db.kysely.selectFrom('records').select(['ledger', 'data', 'status']).execute();
    const member = rows.find((x) => x.ledger === 'partyMember')!;
    expect(JSON.stringify(member.data)).not.toContain('120223198503021233'); // encrypted at rest
    const done = rows.filter((x) => x.ledger === 'rectification').map((x) => parseJson<Record<string, unknown>>(x.data).status);
    expect(done.sort()).toEqual(['done', 'inProgress', 'open']);
  });

  it('writes a large file in batches (grouped by town and ledger) with every value in its column', async () => {
    const text = syntheticCounty(2100, 2, 3);
    const r = await importFile(empty(), Buffer.from(text));
    expect(r, JSON.stringify(r.errors.slice(0, 3))).toMatchObject({ ok: true, total: 2100, orgs: 15 });
    const want = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((x) => x.type === 'record');
    const rows = await db2!.kysely
      .selectFrom('records')
      .innerJoin('orgs', 'orgs.id', 'records.org_id')
      .select(['orgs.code', 'records.ledger', 'records.date_on', 'records.data', 'records.title'])
      .execute();
    const dateField: Record<string, string> = {
      rectification: 'foundOn',
      talk: 'occurredOn',
      activity: 'occurredOn',
      partyMember: 'joinedOn',
      dispute: 'registeredOn',
      sanction: 'decidedOn',
      cadreAction: 'effectiveOn',
    };
    const key = (org: string, ledger: string, date: unknown, title: unknown) => JSON.stringify([org, ledger, date, title]);
    const got = rows
      .map((x) =>
        key(
          x.code,
          x.ledger,
          x.date_on,
          parseJson<Record<string, unknown>>(x.data)[
            x.ledger === 'partyMember' ? 'name' : x.ledger === 'dispute' ? 'type' : x.ledger === 'talk' ? 'talker' : 'title'
          ],
        ),
      )
      .sort();
    const exp = want
      .map((x) =>
        key(
          x.org,
          x.ledger,
          x.fields[dateField[x.ledger]],
          x.fields[x.ledger === 'partyMember' ? 'name' : x.ledger === 'dispute' ? 'type' : x.ledger === 'talk' ? 'talker' : 'title'],
        ),
      )
      .sort();
    expect(got).toEqual(exp);
  });

  it('audits a large import as one entry per 400 records, in write order, covering every record once', async () => {
    // The rows of a batch are built while the previous batch is written (src/ledger/write.ts):
    // the entries must still follow the batches one after another, with an unbroken chain.
    const r = await importFile(empty(), Buffer.from(syntheticCounty(2100, 2, 3)));
    expect(r.ok, JSON.stringify(r.errors.slice(0, 3))).toBe(true);
    const entries = await empty()
      .selectFrom('audit_log')
      .select(['id', 'entity_id', 'note', 'after'])
      .where('action', '=', 'import')
      .where('entity', '=', 'record')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.note)).toEqual([...Array(5).fill('导入 400 条记录'), '导入 100 条记录']);
    const ranges = entries.map((e) => e.entity_id!.split('-').map(Number));
    const ids = (await empty().selectFrom('records').select('id').orderBy('id').execute()).map((x) => x.id);
    expect(ranges[0][0]).toBe(ids[0]);
    for (const [i, [lo, hi]] of ranges.entries()) {
      expect(hi - lo + 1).toBe(i < 5 ? 400 : 100);
      if (i > 0) expect(lo).toBe(ranges[i - 1][1] + 1);
    }
    expect(ranges[5][1]).toBe(ids[ids.length - 1]);
    const counted = entries.reduce((n, e) => n + Object.values(parseJson<{ counts: Record<string, number> }>(e.after).counts).reduce((a, b) => a + b, 0), 0);
    expect(counted).toBe(2100);
    expect(await verifyAuditChain(empty())).toMatchObject({ ok: true });
  });

  it('rolls back everything when the write fails half way (all or nothing)', async () => {
    const before = await tableCounts(empty());
    const { items, errors } = parseJsonLines(syntheticCounty(900, 1, 2));
    const p = await systemPrincipal(empty());
    const failing = importItems(empty(), p, items, {
      preErrors: errors,
      onProgress: (done) => {
        if (done >= 800) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await tableCounts(empty())).toEqual(before);
  });

  it('refuses files that are not UTF-8 or not JSON Lines with a clear message', async () => {
    await expect(importFile(db.kysely, fixture('gbk.jsonl'))).rejects.toThrow(/UTF-8/);
    await expect(importFile(db.kysely, fixture('not-json.csv'))).rejects.toThrow(/JSON Lines/);
    await expect(importFile(db.kysely, Buffer.from('[{"type":"org"}]'))).rejects.toThrow(UnreadableFileError);
    await expect(importFile(db.kysely, Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]))).rejects.toThrow(/不是文本文件/);
  });
});

describe('luoshi import (CLI)', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-import-'));
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports, refuses a bad file with exit status 1, and reports in JSON', async () => {
    const db = path.join(dir, 'cli.db');
    expect(await main(['import', fixture('orgs.jsonl'), '--db', db])).toBe(0);
    expect(out.join('')).toContain('组织 7 个');
    expect(await main(['import', fixture('mixed.jsonl'), '--db', db])).toBe(1);
    const text = err.join('');
    for (const n of [2, 4, 5, 6, 7, 8, 9]) expect(text).toContain(`第 ${n} 行`);
    expect(text).toContain('未写入任何数据');
    out.length = 0;
    expect(await main(['import', fixture('mixed.jsonl'), '--db', db, '--json'])).toBe(1);
    const res = JSON.parse(out.join(''));
    expect(res.ok).toBe(false);
    expect(res.errors.map((e: { line: number }) => e.line)).toEqual([2, 4, 5, 6, 7, 8, 9]);
    out.length = 0;
    expect(await main(['import', fixture('good.jsonl'), '--db', db, '--dry-run'])).toBe(0);
    expect(out.join('')).toContain('试运行');
    out.length = 0;
    expect(await main(['import', fixture('good.jsonl'), '--db', db])).toBe(0);
    expect(out.join('')).toMatch(/问题整改（rectification）3 条.*共 8 条记录/);
    expect(await main(['import', fixture('gbk.jsonl'), '--db', db])).toBe(2);
    expect(err.join('')).toContain('UTF-8');
    expect(await main(['import', path.join(dir, 'missing.jsonl'), '--db', db])).toBe(2);
  });
});

describe(`${dialectName}: POST /api/import`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  function multipart(name: string, data: Buffer) {
    const boundary = `----luoshi${Date.now()}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }
  const lines = (file: string, keep: (l: string) => boolean) =>
    Buffer.from(
      fs
        .readFileSync(fixture(file), 'utf8')
        .split('\n')
        .filter((l) => l && keep(l))
        .join('\n'),
    );

  it('validates (dry run), reports errors with HTTP 200, imports, and rejects unreadable files with 400', async () => {
    const call = await t.as('jiwei');
    const good = lines('good.jsonl', (l) => l.includes('"rectification"') || l.includes('"talk"'));
    const before = await tableCounts(t.db.kysely);
    const dry = await call({ method: 'POST', url: '/api/import?dryRun=1', ...multipart('good.jsonl', good) });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, total: 5, counts: { rectification: 3, talk: 2 } });
    expect(await tableCounts(t.db.kysely)).toEqual(before);

    const bad = await call({ method: 'POST', url: '/api/import?dryRun=0', ...multipart('mixed.jsonl', fs.readFileSync(fixture('mixed.jsonl'))) });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().ok).toBe(false);
    expect(bad.json().errors.some((e: { line: number; field: string }) => e.line === 4 && e.field === 'foundOn')).toBe(true);
    expect(await tableCounts(t.db.kysely)).toEqual(before);

    const real = await call({ method: 'POST', url: '/api/import', ...multipart('good.jsonl', good) });
    expect(real.json()).toMatchObject({ ok: true, dryRun: false, total: 5 });
    expect((await tableCounts(t.db.kysely)).records).toBe(before.records + 5);

    const gbk = await call({ method: 'POST', url: '/api/import?dryRun=1', ...multipart('gbk.jsonl', fs.readFileSync(fixture('gbk.jsonl'))) });
    expect(gbk.statusCode).toBe(400);
    expect(gbk.json().error).toContain('UTF-8');
  });

  it('keeps users to their own scope and rights', async () => {
    const village = await t.as('cun01');
    const res = await village({ method: 'POST', url: '/api/import?dryRun=1', ...multipart('good.jsonl', fs.readFileSync(fixture('good.jsonl'))) });
    expect(res.statusCode).toBe(200);
    const errs = res.json().errors as { line: number; field?: string; message: string }[];
    expect(res.json().ok).toBe(false);
    // Records of the town or of another village lie outside the village secretary's scope.
    expect(errs.some((e) => e.line === 1 && e.field === 'org')).toBe(true);
    expect(errs.some((e) => e.line === 8 && e.field === 'org')).toBe(true);
  });
});
