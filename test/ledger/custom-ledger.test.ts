import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { registerAfterWrite, registerWriteGuard, type Written } from '../../src/ledger/hooks.ts';

const decl = {
  key: 'villageAffairs',
  label: '村务公开',
  line: 'general',
  fields: [
    { key: 'title', label: '公开事项', kind: 'text', required: true },
    {
      key: 'category',
      label: '类别',
      kind: 'enum',
      options: [
        { value: 'finance', label: '财务' },
        { value: 'affairs', label: '村务' },
      ],
    },
    { key: 'publishedOn', label: '公开日期', kind: 'date', required: true },
  ],
  dateField: 'publishedOn',
  kindField: 'category',
  titleField: 'title',
  access: { read: ['secretary', 'village', 'countyReviewer'], create: ['secretary', 'village'], update: ['secretary', 'village'], remove: ['secretary'] },
  listColumns: ['title', 'category', 'publishedOn'],
};

describe(`${dialectName}: a county's own ledger, declared as data`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is refused when it would grant an administrator business data or breaks a reference', async () => {
    const admin = await t.as('admin');
    const bad1 = await admin({ method: 'POST', url: '/api/ledger-defs', payload: { decl: { ...decl, access: { ...decl.access, read: ['admin'] } } } });
    expect(bad1.statusCode).toBe(400);
    const bad2 = await admin({ method: 'POST', url: '/api/ledger-defs', payload: { decl: { ...decl, dateField: 'nope' } } });
    expect(bad2.statusCode).toBe(400);
    expect(bad2.json().error).toMatch(/不存在的字段/);
    const clash = await admin({ method: 'POST', url: '/api/ledger-defs', payload: { decl: { ...decl, key: 'petition' } } });
    expect(clash.statusCode).toBe(409);
    const shuji = await t.as('shuji');
    expect((await shuji({ method: 'POST', url: '/api/ledger-defs', payload: { decl } })).statusCode).toBe(403);
  });

  it('gets storage, API and access from the declaration without new routes', async () => {
    const admin = await t.as('admin');
    expect((await admin({ method: 'POST', url: '/api/ledger-defs', payload: { decl } })).statusCode).toBe(201);
    const cun = await t.as('cun01');
    expect(((await cun({ url: '/api/ledgers' })).json() as { key: string }[]).some((l) => l.key === 'villageAffairs')).toBe(true);
    const created = await cun({
      method: 'POST',
      url: '/api/ledgers/villageAffairs/records',
      payload: { org: 'QH-DH-V01', fields: { title: '三季度财务收支', category: '财务', publishedOn: '2023-10-20' } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().fields.category).toBe('finance');
    const list = (await cun({ url: '/api/ledgers/villageAffairs/records?kind=finance' })).json();
    expect(list.total).toBe(1);
    const zuzhi = await t.as('zuzhi');
    expect((await zuzhi({ url: '/api/ledgers/villageAffairs/records' })).statusCode).toBe(403);
  });

  it('runs its records through the one write path: guards, audit and after-write work, from the form and from an import', async () => {
    // A county rule on its own ledger, registered like the alert center's guards.
    registerWriteGuard('villageAffairs', 'test.noDraft', (b) =>
      b.items.flatMap((w, index) => (String(w.fields.title).includes('草稿') ? [{ index, message: '草稿不得公开', field: 'title', label: '公开事项' }] : [])),
    );
    const seen: Written[][] = [];
    registerAfterWrite('villageAffairs', 'test.seen', (c) => void seen.push(c.writes));
    const cun = await t.as('cun01');
    const form = await cun({
      method: 'POST',
      url: '/api/ledgers/villageAffairs/records',
      payload: { org: 'QH-DH-V01', fields: { title: '草稿：四季度账目', publishedOn: '2023-12-20' } },
    });
    expect(form.statusCode).toBe(400);
    expect(form.json().error).toBe('草稿不得公开');
    const file = (lines: object[]) => {
      const boundary = `----luoshi${Date.now()}`;
      const body = lines.map((l) => JSON.stringify({ type: 'record', ledger: 'villageAffairs', org: 'QH-DH-V01', ...l })).join('\n');
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n${body}\r\n--${boundary}--\r\n`;
      return { method: 'POST' as const, url: '/api/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    const refused = await cun(
      file([{ fields: { title: '一季度账目', publishedOn: '2024-04-01' } }, { fields: { title: '草稿：二季度账目', publishedOn: '2024-07-01' } }]),
    );
    expect(refused.json()).toMatchObject({ ok: false, errors: [{ line: 2, field: 'title', message: '村务公开·公开事项：草稿不得公开' }] });
    expect(seen).toEqual([]);
    const imported = await cun(
      file([{ fields: { title: '一季度账目', publishedOn: '2024-04-01' } }, { fields: { title: '二季度账目', publishedOn: '2024-07-01' } }]),
    );
    expect(imported.json()).toMatchObject({ ok: true, total: 2 });
    // After the commit, once for the whole file, with both new records.
    expect(seen).toHaveLength(1);
    expect(seen[0].map((w) => w.ledger)).toEqual(['villageAffairs', 'villageAffairs']);
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'import').execute();
    expect(audit.some((a) => a.entity_id === `${seen[0][0].recordId}-${seen[0][1].recordId}`)).toBe(true);
  });
});
