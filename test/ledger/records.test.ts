import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { idCheckDigit } from '../../src/shared/idnumber.ts';
import { recordsBehind } from '../../src/ledger/operations.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { uploadFiles } from '../../src/files/service.ts';

const validId = (first17: string) => first17 + idCheckDigit(first17);

describe(`${dialectName}: ledger records over HTTP`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a rectification, lists it, refuses to close it without doneOn and evidence, then closes it', async () => {
    const jiwei = await t.as('jiwei');
    const created = await jiwei({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { title: '村务公开不及时', source: 'inspection', targetOrg: 'QH-DH-V01', foundOn: '2023/3/2', dueOn: '2023-06-30' } },
    });
    expect(created.statusCode).toBe(201);
    const rec = created.json();
    expect(rec).toMatchObject({ org: 'QH-DH', status: 'open', fields: { foundOn: '2023-03-02', source: 'inspection' }, overdue: true });
    const list = (await jiwei({ url: '/api/ledgers/rectification/records?status=open&q=村务' })).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(rec.id);
    expect(list.items[0].files).toBe(0);
    // Past the last page: no rows, the total still counted.
    const past = (await jiwei({ url: '/api/ledgers/rectification/records?status=open&q=村务&page=3&pageSize=1' })).json();
    expect(past).toEqual({ items: [], total: 1 });
    const detail = (await jiwei({ url: `/api/records/${rec.id}` })).json();
    expect(detail).toMatchObject({ id: rec.id, can: { update: true, transition: true } });
    expect(detail.transitions).toEqual([
      { to: 'inProgress', label: '开始整改', fields: [] },
      { to: 'done', label: '标记完成', fields: ['doneOn', 'doneNote'] },
      { to: 'longTerm', label: '转为长期坚持', fields: ['doneNote'] },
    ]);
    const bad = await jiwei({ method: 'POST', url: `/api/records/${rec.id}/transitions`, payload: { to: 'done' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/完成日期/);
    const noEvidence = await jiwei({ method: 'POST', url: `/api/records/${rec.id}/transitions`, payload: { to: 'done', fields: { doneOn: '2023-05-01' } } });
    expect(noEvidence.json().error).toMatch(/佐证材料或填写完成情况说明/);
    const ok = await jiwei({
      method: 'POST',
      url: `/api/records/${rec.id}/transitions`,
      payload: { to: 'done', note: '已公开并建立制度', fields: { doneOn: '2023-05-01', doneNote: '已在村务公开栏公示' } },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'done', overdue: false });
    expect((await jiwei({ url: `/api/records/${rec.id}` })).json().transitions).toEqual([{ to: 'inProgress', label: '重新整改', fields: ['note'] }]);
    const hist = (await jiwei({ url: `/api/records/${rec.id}/history` })).json();
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['create', 'transition']);
    // PATCH cannot change the status behind the workflow's back.
    const sneaky = await jiwei({ method: 'PATCH', url: `/api/records/${rec.id}`, payload: { fields: { status: 'open' } } });
    expect(sneaky.statusCode).toBe(400);
  });

  it('counts the records behind a number that cannot be read as hidden, and lets any other error through', async () => {
    const jiwei = await t.as('jiwei');
    const rec = (
      await jiwei({
        method: 'POST',
        url: '/api/ledgers/supervision/records',
        payload: { org: 'QH-DH', fields: { title: '专项监督', area: '安全生产', occurredOn: '2023-04-01' } },
      })
    ).json();
    const system = { system: true, id: 0, roles: ['admin'], org: { path: '/' } } as unknown as Principal;
    const behind = await recordsBehind(t.db.kysely, system, [rec.id, 99_999_999, 99_999_998], 2);
    expect(behind).toMatchObject({ total: 3, hidden: 1, items: [{ id: rec.id }] });
    const broken = {
      selectFrom: () => {
        throw new Error('磁盘读写失败');
      },
    } as never;
    await expect(recordsBehind(broken, system, [rec.id])).rejects.toThrow('磁盘读写失败');
  });

  it('reads the records behind a number by the one read rule, in the order given, with their files', async () => {
    const jiwei = await t.as('jiwei');
    const zhengfa = await t.as('zhengfa');
    const sup = (
      await jiwei({
        method: 'POST',
        url: '/api/ledgers/supervision/records',
        payload: { org: 'QH-DH', fields: { title: '专项监督二', area: '安全生产', occurredOn: '2023-04-02' } },
      })
    ).json();
    const pet = (
      await zhengfa({
        method: 'POST',
        url: '/api/ledgers/petition/records',
        payload: { org: 'QH-DH', fields: { channel: 'visit', subject: '道路维修', receivedOn: '2023-11-02' } },
      })
    ).json();
    const dh = (await getOrgByCode(t.db.kysely, 'QH-DH'))!;
    const np = (await getOrgByCode(t.db.kysely, 'QH-NP'))!;
    const discipline = (org: typeof dh): Principal => ({ id: 1, username: 'd', roles: ['discipline'], org });
    await uploadFiles(t.db.kysely, discipline(dh), sup.id, [{ name: '证明.txt', data: Buffer.from('专项监督的佐证材料') }]);
    const legal: Principal = { id: 2, username: 'l', roles: ['legal'], org: dh };
    const here = await recordsBehind(t.db.kysely, discipline(dh), [pet.id, sup.id, sup.id]);
    expect(here.items.map((i) => [i.id, i.files])).toEqual([
      [sup.id, 1],
      [sup.id, 1],
    ]);
    expect(here).toMatchObject({ total: 3, hidden: 1 });
    expect(await recordsBehind(t.db.kysely, discipline(np), [sup.id, pet.id])).toMatchObject({ total: 2, hidden: 2, items: [] });
    expect((await recordsBehind(t.db.kysely, legal, [sup.id, pet.id])).items.map((i) => i.id)).toEqual([pet.id]);
    expect(await recordsBehind(t.db.kysely, legal, [])).toEqual({ total: 0, hidden: 0, items: [] });
  });

  it('reports every bad field in Chinese and stores nothing', async () => {
    const jiwei = await t.as('jiwei');
    const res = await jiwei({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { source: 'nope', targetOrg: 'QH-NP', foundOn: '2023-02-30', extra: 1 } },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['extra', 'foundOn', 'source', 'targetOrg', 'title']);
    expect((await jiwei({ url: '/api/ledgers/rectification/records' })).json().total).toBe(1);
  });

  it('defaults a petition dueOn to received + 60 days and closes only with closedOn', async () => {
    const zhengfa = await t.as('zhengfa');
    const p = (
      await zhengfa({
        method: 'POST',
        url: '/api/ledgers/petition/records',
        payload: { org: 'QH-DH', fields: { channel: 'countyTransfer', subject: '土地补偿', receivedOn: '2023-11-01' } },
      })
    ).json();
    expect(p.fields.dueOn).toBe('2023-12-31');
    const res = await zhengfa({ method: 'POST', url: `/api/records/${p.id}/transitions`, payload: { to: 'closed' } });
    expect(res.statusCode).toBe(400);
  });

  it('moves a defaulted petition dueOn to acceptance + 60 (+ an approved extension), but keeps one entered by hand', async () => {
    const zhengfa = await t.as('zhengfa');
    const p = (
      await zhengfa({
        method: 'POST',
        url: '/api/ledgers/petition/records',
        payload: { org: 'QH-DH', fields: { channel: 'visit', subject: '宅基地', receivedOn: '2023-11-01' } },
      })
    ).json();
    expect(p.fields.dueOn).toBe('2023-12-31'); // not accepted yet: registration + 60
    const accepted = await zhengfa({
      method: 'POST',
      url: `/api/records/${p.id}/transitions`,
      payload: { to: 'accepted', fields: { acceptedOn: '2023-11-10' } },
    });
    expect(accepted.json().fields.dueOn).toBe('2024-01-09'); // 受理 + 60
    const extended = await zhengfa({ method: 'PATCH', url: `/api/records/${p.id}`, payload: { fields: { extensionApproved: true, extensionDays: 20 } } });
    expect(extended.json().fields.dueOn).toBe('2024-01-29');
    const tooLong = await zhengfa({ method: 'PATCH', url: `/api/records/${p.id}`, payload: { fields: { extensionDays: 31 } } });
    expect(tooLong.statusCode).toBe(400);
    const byHand = await zhengfa({ method: 'PATCH', url: `/api/records/${p.id}`, payload: { fields: { dueOn: '2024-01-15' } } });
    expect(byHand.json().fields.dueOn).toBe('2024-01-15');
    const later = await zhengfa({ method: 'PATCH', url: `/api/records/${p.id}`, payload: { fields: { extensionDays: 10 } } });
    expect(later.json().fields.dueOn).toBe('2024-01-15');
  });

  it('keeps sensitive ledgers to discipline roles and masks ID numbers', async () => {
    const jiwei = await t.as('jiwei');
    const id = validId('12022319850302123');
    const created = await jiwei({
      method: 'POST',
      url: '/api/ledgers/relative/records',
      payload: { org: 'QH-DH', fields: { cadre: '张三', name: '张小三', relation: '子女', idNumber: id, filedOn: '2023-04-01' } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().fields.idNumber).toBe(`1202**********${id.slice(-4)}`);
    const list = (await jiwei({ url: '/api/ledgers/relative/records' })).json();
    expect(JSON.stringify(list)).not.toContain(id);
    const reveal = await jiwei({ method: 'POST', url: `/api/records/${created.json().id}/reveal`, payload: { field: 'idNumber' } });
    expect(reveal.json().value).toBe(id);
    const wrong = await jiwei({
      method: 'POST',
      url: '/api/ledgers/relative/records',
      payload: {
        org: 'QH-DH',
        fields: { cadre: '张三', name: '张小四', relation: '子女', idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), filedOn: '2023-04-01' },
      },
    });
    expect(wrong.json().error).toMatch(/校验位/);
    const zuzhi = await t.as('zuzhi');
    expect((await zuzhi({ url: '/api/ledgers/relative/records' })).statusCode).toBe(403);
    expect((await zuzhi({ url: `/api/records/${created.json().id}` })).statusCode).toBe(404);
    // At rest the ID number is encrypted.
    const row = await t.db.kysely.selectFrom('records').select('data').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.data)).not.toContain(id);
  });

  it('limits a village secretary to their village, in lists and by id', async () => {
    const zuzhi = await t.as('zuzhi');
    const mk = async (org: string) =>
      (
        await zuzhi({
          method: 'POST',
          url: '/api/ledgers/branchMeeting/records',
          payload: { org, fields: { branch: `${org}-B1`, kind: 'memberAssembly', occurredOn: '2023-10-10', topic: '学习' } },
        })
      ).json();
    const mine = await mk('QH-DH-V01');
    const other = await mk('QH-DH-V02');
    const cun = await t.as('cun01');
    const list = (await cun({ url: '/api/ledgers/branchMeeting/records' })).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([mine.id]);
    expect((await cun({ url: `/api/records/${other.id}` })).statusCode).toBe(404);
    expect((await cun({ url: '/api/ledgers/branchMeeting/records?org=QH-DH' })).statusCode).toBe(403);
    const write = await cun({
      method: 'POST',
      url: '/api/ledgers/branchMeeting/records',
      payload: { org: 'QH-DH-V02', fields: { branch: 'QH-DH-V02-B1', kind: 'committee', occurredOn: '2023-10-10' } },
    });
    expect(write.statusCode).toBe(403);
  });

  it('soft-deletes with a reason and restores', async () => {
    const zuzhi = await t.as('zuzhi');
    const rec = (
      await zuzhi({
        method: 'POST',
        url: '/api/ledgers/cadreAction/records',
        payload: { org: 'QH-DH', fields: { kind: 'staffGrade', person: '李四', effectiveOn: '2023-08-01' } },
      })
    ).json();
    expect((await zuzhi({ method: 'DELETE', url: `/api/records/${rec.id}`, payload: { reason: '' } })).statusCode).toBe(400);
    expect((await zuzhi({ method: 'DELETE', url: `/api/records/${rec.id}`, payload: { reason: '重复录入' } })).statusCode).toBe(200);
    expect((await zuzhi({ url: '/api/ledgers/cadreAction/records' })).json().total).toBe(0);
    expect((await zuzhi({ url: '/api/ledgers/cadreAction/records?deleted=1' })).json().total).toBe(1);
    expect((await zuzhi({ method: 'POST', url: `/api/records/${rec.id}/restore` })).json().deletedAt).toBeNull();
  });

  it('rejects injection attempts in filters and sort', async () => {
    const jiwei = await t.as('jiwei');
    expect((await jiwei({ url: '/api/ledgers/rectification/records?sort=title;drop table records' })).statusCode).toBe(400);
    expect((await jiwei({ url: '/api/ledgers/rectification/records?sort=-nosuchfield' })).statusCode).toBe(400);
    // A field sorts when it is promoted to a column (its date, kind, status or `columns`), else it is refused.
    for (const key of ['foundOn', 'source', 'status', '-dueOn', 'owner', 'reviewedOn'])
      expect((await jiwei({ url: `/api/ledgers/rectification/records?sort=${key}` })).statusCode, key).toBe(200);
    expect((await jiwei({ url: '/api/ledgers/rectification/records?sort=batch' })).statusCode).toBe(400);
    const q = await jiwei({ url: `/api/ledgers/rectification/records?q=${encodeURIComponent("' or 1=1 --")}` });
    expect(q.statusCode).toBe(200);
    expect(q.json().total).toBe(0);
    expect((await jiwei({ url: '/api/ledgers/rectification/records?q=100%25' })).json().total).toBe(0);
  });
});
