#!/usr/bin/env node
// Entry point of the `luoshi` CLI: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
