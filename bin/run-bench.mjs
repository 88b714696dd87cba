#!/usr/bin/env node
// Runs every bench/*.bench.ts (or those named on the command line) and prints a table.
// Each file default-exports `async () => [{name, value, unit}]`. Benches in ON_REQUEST take long
// and run only when named (`npm run bench province`) or directly (`npx tsx bench/province.bench.ts`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
// Like the server's launchers, run with glibc's huge-page tunable where it helps (src/cli/hugepages.ts).
const hp = await import('../src/cli/hugepages.ts');
const hpEnv = hp.hugepageEnv(process.env, hp.hostFacts());
if (hpEnv) process.exit(await hp.rerun(hpEnv));
const dir = path.resolve('bench');
const only = process.argv.slice(2);
const ON_REQUEST = new Set(['province.bench.ts']);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 ? !ON_REQUEST.has(f) : only.some((o) => f.includes(o))))
  .sort();
const rows = [];
for (const f of files) {
  process.stderr.write(`running ${f} ...\n`);
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  const t0 = Date.now();
  try {
    const res = await mod.default();
    for (const r of res) rows.push({ bench: f.replace('.bench.ts', ''), ...r });
  } catch (e) {
    rows.push({ bench: f.replace('.bench.ts', ''), name: 'FAILED', value: NaN, unit: String(e?.message ?? e).slice(0, 80) });
  }
  process.stderr.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const md = [
  `Machine: ${machine}`,
  '',
  '| bench | measure | value |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.bench} | ${r.name} | ${Number.isFinite(r.value) ? +r.value.toFixed(2) : '—'} ${r.unit} |`),
].join('\n');
console.log(md);
fs.writeFileSync(path.join(dir, 'latest.md'), md + '\n');
