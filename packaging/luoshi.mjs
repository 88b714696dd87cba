#!/usr/bin/env node
// Entry point of the `luoshi` CLI in the offline bundle: the server compiled to JavaScript
// (scripts/bundle-compile.mjs), run by the bundled Node.js (see the `luoshi` launcher, which
// already sets glibc's huge-page tunable; run directly, `serve` starts itself once more with it
// when that helps: src/cli/hugepages.ts).
const hp = process.argv[2] === 'serve' ? await import('../src/cli/hugepages.js') : null;
const env = hp?.hugepageEnv(process.env, hp.hostFacts());
if (env) {
  process.exitCode = await hp.rerun(env);
} else {
  const { main } = await import('../src/cli/main.js');
  const code = await main(process.argv.slice(2));
  if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
}
