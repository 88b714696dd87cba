#!/usr/bin/env node
// Entry point of the `luoshi` CLI in the offline bundle: the server compiled to JavaScript
// (scripts/bundle-compile.mjs), run by the bundled Node.js (see the `luoshi` launcher).
const { main } = await import('../src/cli/main.js');
const code = await main(process.argv.slice(2));
if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
