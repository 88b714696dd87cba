/**
 * Path traversal: the file download API takes only numeric ids, and the static web app never
 * serves anything outside its directory however the path is spelled — tried both through
 * Fastify's injector and as raw bytes over a real socket (no client-side normalisation).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { DEMO_PASSWORD, seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';

const SECRET = 'TOP-SECRET-OUTSIDE-WEBROOT-7f3a';
const INDEX = '<!doctype html><title>落实</title><div id="root">SPA-INDEX</div>';

/** One raw HTTP/1.1 request, bytes exactly as given; returns status line and body. */
function rawGet(port: number, target: string, cookie = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (c) => (data += c));
    sock.on('error', reject);
    sock.on('end', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    sock.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`);
  });
}

describe(`${dialectName}: path traversal`, () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let port: number;
  let cookie: string;

  beforeAll(async () => {
    // <base>/secret.txt and <base>/package.json lie next to the web root <base>/web.
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-trav-'));
    fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
    fs.writeFileSync(path.join(base, 'package.json'), JSON.stringify({ name: SECRET }));
    fs.mkdirSync(path.join(base, 'web', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(base, 'web', 'index.html'), INDEX);
    fs.writeFileSync(path.join(base, 'web', 'assets', 'a.js'), 'void 0;');
    db = await createTestDb();
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    app = await buildApp({ db, webDir: path.join(base, 'web') });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jiwei', password: DEMO_PASSWORD } });
    cookie = `luoshi_sid=${res.cookies.find((c) => c.name === 'luoshi_sid')!.value}`;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const STATIC = [
    '/../secret.txt',
    '/../package.json',
    '/%2e%2e/secret.txt',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fpackage.json',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/....//secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/assets/a.js/../../../secret.txt',
    '//secret.txt',
    '/./../secret.txt',
  ];

  it('never serves a file outside the web root (injector)', async () => {
    for (const url of STATIC) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain(SECRET);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('never serves a file outside the web root (raw socket)', async () => {
    for (const url of STATIC) {
      const res = await rawGet(port, url);
      expect(res.status, url).toBeGreaterThan(0);
      expect(res.body, url).not.toContain(SECRET);
      expect(res.status, url).toBeLessThan(500);
    }
    // The web root itself still works.
    expect((await rawGet(port, '/assets/a.js')).body).toContain('void 0');
    expect((await rawGet(port, '/')).body).toContain('SPA-INDEX');
  });

  it('refuses non-numeric file ids in the download API, whatever the encoding', async () => {
    for (const id of [
      '..%2F..%2Fetc%2Fpasswd',
      '..%2f..%2f..%2fetc%2fpasswd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '1%2F..%2F..%2Fpackage.json',
      '1;cat%20/etc/passwd',
      '-1',
      '0x10',
      '1e3',
    ]) {
      const url = `/api/files/${id}`;
      for (const res of [await app.inject({ url, headers: { cookie } }), await rawGet(port, url, cookie)]) {
        const status = 'statusCode' in res ? res.statusCode : res.status;
        expect([400, 404], url).toContain(status);
        expect(res.body, url).not.toMatch(/root:x:0:0|"name":/);
      }
    }
    // Traversal that the router resolves outside /api/files ends up at a 404 of the API, not a file.
    const res = await rawGet(port, '/api/files/../../../etc/passwd', cookie);
    expect(res.body).not.toMatch(/root:x:0:0/);
    expect(res.status).toBeLessThan(500);
  });

  it('answers a file id that exists nowhere with 404 and no path in the message', async () => {
    const res = await app.inject({ url: '/api/files/999999', headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toMatch(/\/(tmp|work|data|home)\//);
  });
});
