import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { contentDisposition } from '../../src/files/disposition.ts';
import { sniff } from '../../src/files/sniff.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A real PNG, w×h grey pixels, built from bytes. */
function png(w = 2, h = 2): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w, 0x80)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.from('This program cannot be run in DOS mode.\r\n$'),
  Buffer.alloc(64, 0),
]);

function multipart(files: { name: string; data: Buffer }[]) {
  const boundary = `----luoshi${crypto.randomBytes(6).toString('hex')}`;
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      f.data,
      Buffer.from('\r\n'),
    ]),
  );
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('file type by content', () => {
  it('recognises the accepted kinds by their bytes, not their names', () => {
    expect(sniff(png(), 'x.exe')?.mime).toBe('image/png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'a.png')?.mime).toBe('image/jpeg');
    expect(sniff(Buffer.from('GIF89a\x01\x00', 'latin1'))?.mime).toBe('image/gif');
    expect(sniff(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))?.mime).toBe('image/webp');
    expect(sniff(Buffer.from('%PDF-1.7\n%\xe2\xe3', 'latin1'), 'scan.jpg')?.mime).toBe('application/pdf');
    expect(sniff(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml word/document.xml')]))?.ext).toBe('docx');
    expect(sniff(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml xl/workbook.xml')]))?.ext).toBe('xlsx');
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), '台账.xls')?.ext).toBe('xls');
    expect(sniff(Buffer.from('整改情况说明\r\n已完成。'), '说明.txt')?.mime).toBe('text/plain; charset=utf-8');
    expect(sniff(EXE, 'photo.png')).toBeNull();
    expect(sniff(Buffer.from('a\u0000b'), 'a.txt')).toBeNull();
  });

  it('names files for download with an RFC 5987 UTF-8 name and an ASCII fallback', () => {
    expect(contentDisposition('整改照片 1.png')).toBe(`attachment; filename="_ 1.png"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E7%85%A7%E7%89%87%201.png`);
    expect(contentDisposition('a"b\r\n.pdf', 'inline')).toMatch(/^inline; filename="a_b_\.pdf"; filename\*=UTF-8''a_b__\.pdf$/);
  });
});

describe(`${dialectName}: evidence files API`, () => {
  let t: TestApp;
  let dir: string;
  let recordId: number;
  let jiwei: Awaited<ReturnType<TestApp['as']>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-files-test-'));
    process.env.LUOSHI_FILES = dir;
    t = await createTestApp();
    jiwei = await t.as('jiwei');
    const res = await jiwei({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH-V01', fields: { title: '村务公开栏破损', source: 'inspection', targetOrg: 'QH-DH-V01', foundOn: '2023-03-02' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    recordId = res.json().id;
    await createUser(t.db.kysely, SYSTEM_ACTOR, {
      username: 'np_jiwei',
      name: '南坪纪委',
      password: 'Np@2023-secure!',
      roles: ['discipline'],
      orgCode: 'QH-NP',
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.LUOSHI_FILES;
  });

  it('uploads a PNG, stores it by sha256, lists it and lets a reader download it', async () => {
    const data = png(3, 3);
    const up = await jiwei({
      method: 'POST',
      url: `/api/records/${recordId}/files`,
      ...multipart([
        { name: '整改后照片.png', data },
        { name: '复核.png', data },
      ]),
    });
    expect(up.statusCode, up.body).toBe(201);
    const [a, b] = up.json() as { id: number; name: string; size: number; mime: string; uploadedAt: string }[];
    expect(a).toMatchObject({ name: '整改后照片.png', size: data.length, mime: 'image/png' });
    const sha = crypto.createHash('sha256').update(data).digest('hex');
    expect(fs.existsSync(path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);
    expect(fs.readdirSync(path.join(dir, sha.slice(0, 2), sha.slice(2, 4)))).toEqual([sha]); // same content stored once

    const list = await jiwei({ url: `/api/records/${recordId}/files` });
    expect(list.json().map((f: { id: number }) => f.id)).toEqual([a.id, b.id]);
    expect(Object.keys(list.json()[0]).sort()).toEqual(['id', 'mime', 'name', 'size', 'uploadedAt']);

    const secretary = await t.as('shuji');
    const dl = await secretary({ url: `/api/files/${a.id}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(data)).toBe(true);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('整改后照片.png')}`);

    const rec = await jiwei({ url: `/api/records/${recordId}` });
    expect(rec.json().files).toBe(2);
    // The list counts a page's attachments in its page query: the same figure, per row.
    const page = (await jiwei({ url: '/api/ledgers/rectification/records?pageSize=500' })).json() as { items: { id: number; files: number }[] };
    expect(page.items.find((r) => r.id === recordId)?.files).toBe(2);
    expect(page.items.filter((r) => r.id !== recordId).every((r) => r.files === 0)).toBe(true);
    const audits = await t.db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'file').execute();
    expect(audits.filter((x) => x.action === 'upload').map((x) => Number(x.entity_id))).toEqual([a.id, b.id]);
  });

  it('refuses an .exe renamed to .png and a file over 20 MB, naming the file, and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('files')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const exe = await jiwei({ method: 'POST', url: `/api/records/${recordId}/files`, ...multipart([{ name: '现场照片.png', data: EXE }]) });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error).toContain('现场照片.png');
    const big = Buffer.concat([png(), Buffer.alloc(20 * 1024 * 1024 + 10, 1)]);
    const tooBig = await jiwei({ method: 'POST', url: `/api/records/${recordId}/files`, ...multipart([{ name: '超大扫描件.png', data: big }]) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toContain('超大扫描件.png');
    expect(tooBig.json().error).toContain('20 MB');
    expect(await count()).toBe(before);
  });

  it('hides files from users outside the org subtree and refuses writes to readers', async () => {
    const list = await jiwei({ url: `/api/records/${recordId}/files` });
    const id = list.json()[0].id as number;
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'np_jiwei', password: 'Np@2023-secure!' } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `luoshi_sid=${login.cookies.find((c) => c.name === 'luoshi_sid')!.value}`;
    const csrf = login.json().csrfToken as string;
    const outsider = (o: InjectOptions) => t.app.inject({ ...o, headers: { ...(o.headers ?? {}), cookie, 'x-csrf-token': csrf } });
    expect((await outsider({ url: `/api/files/${id}` })).statusCode).toBe(404);
    expect((await outsider({ url: `/api/records/${recordId}/files` })).statusCode).toBe(404);
    expect((await outsider({ method: 'DELETE', url: `/api/files/${id}` })).statusCode).toBe(404);
    expect((await outsider({ method: 'POST', url: `/api/records/${recordId}/files`, ...multipart([{ name: 'x.png', data: png() }]) })).statusCode).toBe(404);

    const reviewer = await t.as('xian'); // county reviewer: reads, never writes
    expect((await reviewer({ url: `/api/files/${id}` })).statusCode).toBe(200);
    expect((await reviewer({ method: 'POST', url: `/api/records/${recordId}/files`, ...multipart([{ name: 'x.png', data: png() }]) })).statusCode).toBe(403);
    expect((await reviewer({ method: 'DELETE', url: `/api/files/${id}` })).statusCode).toBe(403);
  });

  it('soft-deletes a file (audited); the mark-done guard counts live files', async () => {
    const created = await jiwei({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { title: '会议记录不全', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-04-01' } },
    });
    const rid = created.json().id as number;
    const markDone = () => jiwei({ method: 'POST', url: `/api/records/${rid}/transitions`, payload: { to: 'done', fields: { doneOn: '2023-05-01' } } });
    const refused = await markDone();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toContain('佐证材料');

    const up = await jiwei({
      method: 'POST',
      url: `/api/records/${rid}/files`,
      ...multipart([{ name: '会议记录.txt', data: Buffer.from('2023年4月会议记录（补）') }]),
    });
    expect(up.statusCode, up.body).toBe(201);
    const fid = up.json()[0].id as number;
    const del = await jiwei({ method: 'DELETE', url: `/api/files/${fid}` });
    expect(del.statusCode).toBe(200);
    expect((await jiwei({ url: `/api/records/${rid}/files` })).json()).toEqual([]);
    expect((await jiwei({ url: `/api/files/${fid}` })).statusCode).toBe(404);
    const row = await t.db.kysely.selectFrom('files').select('deleted_at').where('id', '=', fid).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'file').where('entity_id', '=', String(fid)).execute();
    expect(audit.map((a) => a.action)).toEqual(['upload', 'delete']);
    expect((await markDone()).statusCode).toBe(400); // the deleted file no longer counts

    await jiwei({ method: 'POST', url: `/api/records/${rid}/files`, ...multipart([{ name: '整改照片.png', data: png(4, 4) }]) });
    const done = await markDone();
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
  });
});
