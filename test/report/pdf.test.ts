/**
 * PDF export: LibreOffice found at run time, conversions one at a time in a child process with
 * a timeout, a Chinese message where LibreOffice is missing (CLI: templates-api.test.ts; layout:
 * docx-libreoffice.test.ts). A fake soffice (a shell script) stands in for the queue and timeout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { docxToPdf, findSoffice, PdfConversionError, PdfUnavailableError } from '../../src/report/render/pdf.ts';
import { fontconfigXml } from '../../src/report/render/pdf-fonts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-pdf-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in soffice: logs start/end to `log`, sleeps, writes OUTDIR/<input name>.pdf. */
function fakeSoffice(name: string, sleepSeconds: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    `#!/bin/sh
log="${path.join(dir, `${name}.log`)}"
echo "start $$" >> "$log"
out=""; prev=""; in=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && out="$a"
  prev="$a"; in="$a"
done
sleep ${sleepSeconds}
base=$(basename "$in" .docx)
printf '%%PDF-1.4 fake\\n' > "$out/$base.pdf"
echo "end $$" >> "$log"
`,
    { mode: 0o755 },
  );
  return file;
}

describe('finding LibreOffice', () => {
  it('takes LUOSHI_SOFFICE when it is an executable, and nothing else then', () => {
    const fake = fakeSoffice('given', 0);
    expect(findSoffice({ LUOSHI_SOFFICE: fake, PATH: '' })).toBe(fake);
    expect(findSoffice({ LUOSHI_SOFFICE: path.join(dir, 'missing'), PATH: '/usr/bin' })).toBeNull();
  });

  it('looks on PATH for soffice or libreoffice', () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.copyFileSync(fakeSoffice('x', 0), path.join(bin, 'libreoffice'));
    fs.chmodSync(path.join(bin, 'libreoffice'), 0o755);
    expect(findSoffice({ PATH: bin })).toBe(path.join(bin, 'libreoffice'));
  });

  it('refuses with what to install when there is none', async () => {
    const saved = process.env.LUOSHI_SOFFICE;
    process.env.LUOSHI_SOFFICE = path.join(dir, 'missing');
    try {
      await expect(docxToPdf(Buffer.from('PK'))).rejects.toThrow(PdfUnavailableError);
      await expect(docxToPdf(Buffer.from('PK'))).rejects.toThrow(
        /服务器未安装 LibreOffice.*LUOSHI_SOFFICE 指向的“.*missing”不存在或不可执行.*libreoffice-writer-nogui/,
      );
    } finally {
      if (saved === undefined) delete process.env.LUOSHI_SOFFICE;
      else process.env.LUOSHI_SOFFICE = saved;
    }
  });

  it('keeps installed official fonts first and falls back to Noto CJK', () => {
    const xml = fontconfigXml();
    expect(xml).toContain(
      '<alias binding="same"><family>仿宋_GB2312</family><accept><family>仿宋</family><family>FangSong</family><family>Noto Serif CJK SC</family></accept></alias>',
    );
    expect(xml).toContain('<family>黑体</family><accept><family>SimHei</family><family>Noto Sans CJK SC</family>');
    expect(xml).not.toContain('<prefer>');
    // the title: bold Noto Serif only where 方正小标宋简体 is not installed
    expect(xml).toMatch(/<test name="family"><string>方正小标宋简体<\/string><\/test>.*<const>bold<\/const>/);
    expect(fontconfigXml({ titleFontInstalled: true })).not.toContain('<const>bold</const>');
  });
});

describe('converting', () => {
  it('runs conversions one at a time, without blocking the event loop', async () => {
    const soffice = fakeSoffice('slow', 0.4);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const results = await Promise.all([1, 2, 3].map(() => docxToPdf(Buffer.from('PK'), { soffice })));
    clearInterval(timer);
    for (const r of results) expect(r.toString()).toBe('%PDF-1.4 fake\n');
    const log = fs.readFileSync(path.join(dir, 'slow.log'), 'utf8').trim().split('\n');
    // start, end, start, end, start, end: never two at once
    expect(log.map((l) => l.split(' ')[0])).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    expect(ticks).toBeGreaterThan(20);
  });

  it('kills a conversion that takes too long and goes on with the next', async () => {
    const hung = fakeSoffice('hung', 30);
    const started = Date.now();
    await expect(docxToPdf(Buffer.from('PK'), { soffice: hung, timeoutMs: 500 })).rejects.toThrow(PdfConversionError);
    expect(Date.now() - started).toBeLessThan(5000);
    const pid = /start (\d+)/.exec(fs.readFileSync(path.join(dir, 'hung.log'), 'utf8'))?.[1];
    await new Promise((r) => setTimeout(r, 100));
    expect(() => process.kill(Number(pid), 0)).toThrow(); // the process is gone
    const ok = await docxToPdf(Buffer.from('PK'), { soffice: fakeSoffice('after', 0) });
    expect(ok.toString()).toContain('%PDF');
  });

  it('reports a failed conversion in Chinese', async () => {
    const failing = path.join(dir, 'failing');
    fs.writeFileSync(failing, '#!/bin/sh\necho "bad input" >&2\nexit 3\n', { mode: 0o755 });
    await expect(docxToPdf(Buffer.from('PK'), { soffice: failing })).rejects.toThrow(/PDF 生成失败：LibreOffice 退出码 3：bad input/);
  });
});

type Inject = (o: InjectOptions) => Promise<LightMyRequestResponse>;

describe(`${dialectName}: GET /api/reports/:id/render?format=pdf`, () => {
  let t: TestApp;
  let shuji: Inject;
  let id: number;
  beforeAll(async () => {
    t = await createTestApp();
    shuji = await t.as('shuji');
    id = (await shuji({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH', period: '2023Q4' } })).json().id;
  });
  afterAll(async () => t?.close());

  it('answers 503 with what to install when LibreOffice is missing', async () => {
    process.env.LUOSHI_SOFFICE = path.join(dir, 'missing');
    try {
      const res = await shuji({ method: 'GET', url: `/api/reports/${id}/render?format=pdf` });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatch(/^服务器未安装 LibreOffice，无法生成 PDF.*；请管理员安装 LibreOffice.*apt-get install libreoffice-writer-nogui/);
    } finally {
      delete process.env.LUOSHI_SOFFICE;
    }
  });

  it('sends the PDF of the draft where LibreOffice is installed', async () => {
    if (!findSoffice()) {
      expect(process.env.CI, 'CI must install libreoffice-writer-nogui').toBeFalsy();
      console.warn('pdf.test.ts: LibreOffice not installed, real conversion not tried');
      return;
    }
    const res = await shuji({ method: 'GET', url: `/api/reports/${id}/render?format=pdf` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('2023Q4-东湖镇-季度报告-草稿.pdf'));
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('converts a submitted version from its frozen .docx', async () => {
    // a stand-in soffice that "converts" by copying its input: the PDF bytes are the .docx it was given
    const copier = path.join(dir, 'copier');
    fs.writeFileSync(
      copier,
      '#!/bin/sh\nout=""; prev=""; in=""\nfor a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; in="$a"; done\ncp "$in" "$out/$(basename "$in" .docx).pdf"\n',
      { mode: 0o755 },
    );
    expect((await shuji({ method: 'POST', url: `/api/reports/${id}/submit` })).statusCode).toBe(200);
    const frozen = (await shuji({ method: 'GET', url: `/api/reports/${id}/versions/1/docx` })).rawPayload;
    process.env.LUOSHI_SOFFICE = copier;
    try {
      const res = await shuji({ method: 'GET', url: `/api/reports/${id}/render?format=pdf&version=1` });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('-第1版.pdf'));
      expect(res.rawPayload.equals(frozen)).toBe(true);
    } finally {
      delete process.env.LUOSHI_SOFFICE;
    }
  });
});
