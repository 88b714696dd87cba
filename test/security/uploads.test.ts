/**
 * Evidence uploads are checked by content, never by name: an executable, an HTML page or an
 * SVG with script renamed to .png is refused (415) and nothing is stored; a real PNG goes
 * through and is served back as an attachment with nosniff and a sandboxing CSP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

/** A valid 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
  Buffer.alloc(64, 0),
  Buffer.from('This program cannot be run in DOS mode.'),
]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56, 0)]);

const HOSTILE: [string, string, Buffer][] = [
  ['Windows executable', '整改照片.png', EXE],
  ['ELF executable', 'photo.png', ELF],
  ['HTML page', '签到表.png', Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')],
  ['HTML without doctype', 'a.png', Buffer.from('<html><head><script src="https://evil.example/x.js"></script></head></html>')],
  ['HTML with leading blanks and BOM', 'b.jpg', Buffer.from('\uFEFF\r\n   <HTML><img src=x onerror=alert(1)></HTML>')],
  ['bare script tag', 'c.png', Buffer.from('<script>fetch("/api/me")</script>')],
  ['SVG with script', 'chart.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
  [
    'SVG with XML prolog and onload',
    'chart.svg',
    Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'),
  ],
  ['XHTML', 'x.png', Buffer.from('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>')],
  ['text renamed to .png', 'notes.png', Buffer.from('只是一段文字，不是图片。')],
  ['zip that is not an Office file', 'd.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('evil.exe'), Buffer.alloc(40, 0)])],
];

describe(`${dialectName}: evidence uploads are checked by content`, () => {
  let t: TestApp;
  let filesDir: string;
  let recordId: number;
  let call: Awaited<ReturnType<TestApp['as']>>;

  function multipart(files: { name: string; data: Buffer; type?: string }[]) {
    const boundary = `----luoshi${Date.now()}`;
    const parts = files.map((f) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'image/png'}\r\n\r\n`),
        f.data,
        Buffer.from('\r\n'),
      ]),
    );
    return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }
  const stored = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('files')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const blobs = () =>
    fs.existsSync(filesDir)
      ? fs.readdirSync(filesDir, { recursive: true }).filter((f) => !fs.statSync(path.join(filesDir, String(f))).isDirectory()).length
      : 0;

  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-files-'));
    process.env.LUOSHI_FILES = filesDir;
    t = await createTestApp();
    call = await t.as('jiwei');
    const res = await call({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { title: '佐证材料测试', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-05-06' } },
    });
    expect(res.statusCode).toBe(201);
    recordId = res.json().id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
    delete process.env.LUOSHI_FILES;
  });

  for (const [label, name, data] of HOSTILE) {
    it(`refuses ${label} named ${name}`, async () => {
      const before = [await stored(), blobs()];
      const res = await call({ method: 'POST', url: `/api/records/${recordId}/files`, ...multipart([{ name, data }]) });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().error).toMatch(/类型不受支持|内容/);
      expect([await stored(), blobs()]).toEqual(before);
    });
  }

  it('refuses the whole batch when one file of several is hostile', async () => {
    const before = [await stored(), blobs()];
    const res = await call({
      method: 'POST',
      url: `/api/records/${recordId}/files`,
      ...multipart([
        { name: 'ok.png', data: PNG },
        { name: 'bad.png', data: EXE },
      ]),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toContain('bad.png');
    expect([await stored(), blobs()]).toEqual(before);
  });

  it('accepts a real PNG (whatever the browser claims) and serves it back safely', async () => {
    const res = await call({
      method: 'POST',
      url: `/api/records/${recordId}/files`,
      ...multipart([{ name: '../../现场照片.png', data: PNG, type: 'text/html' }]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [file] = res.json() as { id: number; name: string; mime: string }[];
    expect(file.mime).toBe('image/png');
    expect(file.name).toBe('现场照片.png');
    const dl = await call({ url: `/api/files/${file.id}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toMatch(/^attachment/);
    expect(dl.headers['content-security-policy']).toMatch(/sandbox/);
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    const inline = await call({ url: `/api/files/${file.id}?inline=1` });
    expect(inline.headers['content-disposition']).toMatch(/^inline/);
    expect(inline.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('serves plain text evidence as an attachment with nosniff, never as HTML', async () => {
    const res = await call({
      method: 'POST',
      url: `/api/records/${recordId}/files`,
      ...multipart([{ name: '说明.txt', data: Buffer.from('整改说明：已完成。'), type: 'text/html' }]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [file] = res.json() as { id: number; mime: string }[];
    const dl = await call({ url: `/api/files/${file.id}?inline=1` });
    expect(dl.headers['content-type']).toMatch(/^text\/plain/);
    expect(dl.headers['content-disposition']).toMatch(/^attachment/);
    expect(dl.headers['content-security-policy']).toMatch(/sandbox/);
  });
});
