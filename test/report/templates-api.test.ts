import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { defaultTemplateSource } from '../../src/report/template/generate.ts';
import { main } from '../../src/cli/main.ts';
import { openDb } from '../../src/db/kysely.ts';
import { seedDemoOrgs } from '../../src/demo/orgs.ts';

type Inject = (o: InjectOptions) => Promise<LightMyRequestResponse>;
let t: TestApp;
let as: Record<string, Inject>;

beforeAll(async () => {
  t = await createTestApp();
  as = {};
  for (const u of ['shuji', 'zuzhi', 'xian']) as[u] = await t.as(u);
});
afterAll(async () => t?.close());

describe(`${dialectName}: report templates`, () => {
  it('seeds the built-in default as version 1 on first use', async () => {
    const list = (await as.zuzhi({ method: 'GET', url: '/api/templates' })).json();
    expect(list).toMatchObject([{ key: 'quarterly', version: 1, scope: null }]);
    const one = (await as.zuzhi({ method: 'GET', url: `/api/templates/${list[0].id}` })).json();
    expect(one.body).toBe(defaultTemplateSource());
    expect(one.diagnostics).toEqual([]);
  });

  it('previews a body live, with errors by line and column', async () => {
    const body = '---\ntitle: "{{org.name}}测试"\n---\n# 部署\n开展专项监督{{discipline.supervision.count}}次，{{discipline.nope}}。\n';
    const res = await as.zuzhi({ method: 'POST', url: '/api/templates/preview', payload: { body, org: 'QH-DH', period: '2023Q4' } });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.title).toBe('东湖镇测试');
    expect(p.html).toContain('<h2 class="ls-h1">一、部署</h2>');
    expect(p.html).toContain('data-metric="discipline.supervision.count" data-value="0"');
    expect(p.diagnostics).toEqual([{ line: 5, column: 41, severity: 'error', message: '未知的变量或指标“discipline.nope”' }]);
    const county = await as.xian({ method: 'POST', url: '/api/templates/preview', payload: { body, period: '2023Q4' } });
    expect(county.statusCode).toBe(400);
    expect((await as.xian({ method: 'POST', url: '/api/templates/preview', payload: { body, org: 'QH-NP', period: '2023Q4' } })).json().title).toBe(
      '南坪镇测试',
    );
  });

  it('lists the metrics with labels and current values, and the variables', async () => {
    const m = (await as.zuzhi({ method: 'GET', url: '/api/templates/metrics?org=QH-DH&period=2023Q4' })).json();
    expect(m.metrics.find((x: { id: string }) => x.id === 'legal.petition.closeRate')).toMatchObject({
      label: '县级转办信访办结率',
      value: null,
      text: '—',
      format: 'pct',
    });
    expect(m.variables.find((x: { name: string }) => x.name === 'org.publicAccount')).toMatchObject({ value: '清风东湖' });
  });

  it('saves new versions by role and scope; a town uses its most specific one', async () => {
    const body = defaultTemplateSource().replace('name: 落实全面从严治党攻坚战情况报告（默认模板）', 'name: 东湖镇模板');
    expect((await as.zuzhi({ method: 'POST', url: '/api/templates', payload: { name: '组织委员', body } })).statusCode).toBe(403);
    const bad = await as.shuji({ method: 'POST', url: '/api/templates', payload: { name: '坏', body: '---\ntitle: t\n---\n{{a' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('第4行第1列');
    const town = await as.shuji({ method: 'POST', url: '/api/templates', payload: { name: '东湖镇模板', body } });
    expect(town.statusCode, town.body).toBe(201);
    expect(town.json()).toMatchObject({ version: 2, scope: { code: 'QH-DH' } });
    const county = await as.xian({ method: 'POST', url: '/api/templates', payload: { name: '清河县模板', body } });
    expect(county.json()).toMatchObject({ version: 3, scope: { code: 'QH' } });
    expect((await as.shuji({ method: 'GET', url: '/api/templates/effective' })).json()).toMatchObject({ version: 2, name: '东湖镇模板' });
    expect((await as.xian({ method: 'GET', url: '/api/templates/effective?org=QH-NP' })).json()).toMatchObject({ version: 3 });
    const audits = await t.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'template').execute();
    expect(audits).toHaveLength(3);
  });
});

describe('luoshi report', () => {
  it('writes every format, plain text to stdout by default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-report-'));
    const file = path.join(dir, 'r.db');
    const db = await openDb({ file });
    await seedDemoOrgs(db.kysely);
    await db.close();
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['report', '--db', file, '--org', 'QH-DH', '--period', '2023Q4', '--date', '2023-12-31'])).toBe(0);
      for (const f of ['docx', 'html', 'md', 'json']) {
        expect(await main(['report', '--db', file, '--org', 'QH-DH', '--period', '2023Q4', '--format', f, '--out', path.join(dir, `r.${f}`)])).toBe(0);
      }
      expect(await main(['report', '--db', file, '--org', 'QH-DH', '--period', '2023Q9'])).toBe(2);
      expect(await main(['report', '--db', file, '--org', 'QH-DH', '--period', '2023Q4', '--format', 'doc'])).toBe(2);
      // PDF without LibreOffice: exit 1 with what to install
      process.env.LUOSHI_SOFFICE = path.join(dir, 'no-soffice');
      expect(await main(['report', '--db', file, '--org', 'QH-DH', '--period', '2023Q4', '--format', 'pdf', '--out', path.join(dir, 'r.pdf')])).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('服务器未安装 LibreOffice');
      expect(fs.existsSync(path.join(dir, 'r.pdf'))).toBe(false);
    } finally {
      delete process.env.LUOSHI_SOFFICE;
      write.mockRestore();
      err.mockRestore();
    }
    expect(out.split('\n')[0]).toBe('2023年东湖镇四季度落实全面从严治党攻坚战情况报告');
    expect(out).toContain('\n2023年12月31日\n');
    expect(fs.readFileSync(path.join(dir, 'r.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')).facts.length).toBeGreaterThan(50);
    expect(fs.readFileSync(path.join(dir, 'r.html'), 'utf8')).toContain('data-metric=');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
