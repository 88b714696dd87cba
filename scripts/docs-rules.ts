/** Writes docs/rules.md from the alert-rule declarations: `npm run docs:rules`. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesDoc } from '../src/alerts/rules-doc.ts';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
fs.writeFileSync(file, rulesDoc());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
