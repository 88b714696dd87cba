#!/usr/bin/env node
// Entry point of the `luoshi` CLI: runs the TypeScript sources through tsx.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
// kysely through its CommonJS build: a faster start (src/util/cjs-builds.mjs). After tsx, so it is asked first.
registerHooks('../src/util/cjs-builds.mjs', import.meta.url);
// `serve` starts itself once more with glibc's huge-page tunable when that makes logins cheaper
// (Linux, glibc ≥ 2.35, THP "madvise"); see src/cli/hugepages.ts.
const hp = process.argv[2] === 'serve' ? await import('../src/cli/hugepages.ts') : null;
const env = hp?.hugepageEnv(process.env, hp.hostFacts());
if (env) {
  process.exitCode = await hp.rerun(env);
} else {
  const { main } = await import('../src/cli/main.ts');
  const code = await main(process.argv.slice(2));
  if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
}
