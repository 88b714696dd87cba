// Smoke check of a running Luoshi (the offline bundle, started by scripts/bundle-test.sh):
// health, the web app's ledger page, login, a ledger's records, the quarterly report as .docx,
// an alert job in its worker thread.
//   node scripts/bundle-smoke.mjs http://127.0.0.1:3999 OUT_DIR
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir] = process.argv.slice(2);
const check = (ok, what) => {
  if (!ok) throw new Error(`smoke check failed: ${what}`);
  console.log(`  ok  ${what}`);
};

const health = await (await fetch(`${base}/api/health`)).json();
check(health.ok === true, `GET /api/health → ${JSON.stringify(health)}`);

const page = await fetch(`${base}/ledgers/rectification`);
const html = await page.text();
check(page.status === 200 && html.includes('<div id="root">'), 'GET /ledgers/rectification → the web app');
const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
check(script && (await fetch(`${base}${script}`)).status === 200, `GET ${script} (built web app asset)`);

/** Sign in as a demo account: its session cookie and CSRF token. */
async function signIn(username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2023' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('luoshi_sid='))
    ?.split(';')[0];
  const { csrfToken } = await res.json();
  return { ok: res.status === 200 && !!cookie && !!csrfToken, cookie, csrfToken };
}

const shuji = await signIn('shuji');
check(shuji.ok, 'POST /api/auth/login as shuji (demo secretary)');
const headers = { cookie: shuji.cookie, 'x-csrf-token': shuji.csrfToken };

const list = await (await fetch(`${base}/api/ledgers/rectification/records?org=QH-DH&pageSize=5`, { headers })).json();
const total = list.total ?? list.items?.length;
check(
  Array.isArray(list.items) && list.items.length > 0 && total > 0,
  `GET /api/ledgers/rectification/records → ${total} records, first: ${list.items?.[0]?.fields?.title ?? list.items?.[0]?.title ?? '?'}`,
);

const report = await fetch(`${base}/api/reports`, {
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify({ org: 'QH-DH', period: '2023Q4' }),
});
const { id } = await report.json();
check(report.status === 201 || report.status === 200, `POST /api/reports QH-DH 2023Q4 → report ${id}`);
const docx = await fetch(`${base}/api/reports/${id}/render?format=docx`, { headers });
const bytes = Buffer.from(await docx.arrayBuffer());
check(
  docx.status === 200 && bytes.subarray(0, 2).toString() === 'PK' && bytes.includes('word/document.xml'),
  `GET /api/reports/${id}/render?format=docx → ${bytes.length} bytes, a Word document`,
);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'quarterly-2023Q4.docx'), bytes);

// An alert job in the worker thread (立即重新计算), compiled like the rest: the thread once
// looked for the TypeScript sources and failed in every bundle. Operators see it in the health view.
const recompute = await fetch(`${base}/api/alerts/recompute`, {
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify({ org: 'QH-DH' }),
});
const computed = await recompute.json();
check(recompute.status === 200 && computed.total > 0, `POST /api/alerts/recompute QH-DH → ${JSON.stringify(computed)}`);
const admin = await signIn('admin');
check(admin.ok, 'POST /api/auth/login as admin (demo operator)');
const jobs = (await (await fetch(`${base}/api/health`, { headers: { cookie: admin.cookie } })).json()).alertJobs;
check(
  jobs?.last?.kind === 'org' && jobs.last.where === 'worker' && !jobs.last.error && jobs.last.result?.total === computed.total,
  `the job ran in the worker thread → ${JSON.stringify(jobs?.last)}`,
);
console.log('smoke check passed');
