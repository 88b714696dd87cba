import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDoc } from '../../src/metrics/catalog-doc.ts';
import { metricCatalog } from '../../src/metrics/catalog.ts';
import { builtinLedgers } from '../../src/catalog/index.ts';

describe('docs/catalog.md is generated from the declarations', () => {
  const doc = catalogDoc();

  it('the committed file is current (run `npm run docs:catalog` after changing a ledger or a metric)', () => {
    expect(fs.readFileSync(path.resolve('docs/catalog.md'), 'utf8')).toBe(doc);
  });

  it('lists every ledger and every metric with its definition', () => {
    for (const l of builtinLedgers) expect(doc).toContain(`### \`${l.key}\` ${l.label}`);
    for (const m of metricCatalog) expect(doc, m.id).toMatch(new RegExp(`\`${m.id.replace(/\./g, '\\.')}\` \\| ${m.label}`));
    expect(doc).toContain(
      '谈话对象 `talkees` 之和（列表计其项数）；今年以来：谈话日期 `occurredOn` 在当年 1 月 1 日至期末；谈话类型 `kind` = `integrityDuty`（廉政履职谈话）',
    );
  });
});
