/** Writes docs/catalog.md from the ledger and metric declarations: `npm run docs:catalog`. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogDoc } from '../src/metrics/catalog-doc.ts';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'catalog.md');
fs.writeFileSync(file, catalogDoc());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
