/**
 * The checker and the report engine must agree: a report generated from the demo
 * ledgers with the default template has no error and no warning, with or without
 * the subject from the org tree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { generateReport } from '../../src/report/template/generate.ts';
import { renderText } from '../../src/report/render/text.ts';
import { renderReport } from '../../src/report/render/index.ts';
import { readReport } from '../../src/check/read.ts';
import { checkText } from '../../src/check/engine.ts';
import { subjectFromOrg } from '../../src/check/subject.ts';

let db: Db;
let towns: string[] = [];

beforeAll(async () => {
  db = await openDb({ file: ':memory:' });
  await seedDemo(db, { scale: 1, year: 2023 });
  towns = (await db.kysely.selectFrom('orgs').select('code').where('kind', '=', 'town').execute()).map((r) => r.code);
}, 300_000);
afterAll(async () => {
  await db?.close();
});

describe('generated reports pass the checker', () => {
  it('has demo towns', () => {
    expect(towns.length).toBeGreaterThan(0);
  });
  for (const period of ['2023Q4', '2024Q2']) {
    it(`every demo town, ${period}`, async () => {
      for (const code of towns) {
        const org = (await getOrgByCode(db.kysely, code))!;
        const text = renderText((await generateReport(db.kysely, org, period, { date: '2024-07-05' })).model);
        const inferred = checkText(text).filter((f) => f.severity !== 'info');
        const known = checkText(text, { subject: await subjectFromOrg(db.kysely, code), period }).filter((f) => f.severity !== 'info');
        expect({ code, inferred, known }).toEqual({ code, inferred: [], known: [] });
      }
    }, 300_000);
  }
  it('the .docx and .md renderings read back clean too', async () => {
    const org = (await getOrgByCode(db.kysely, towns[0]))!;
    const model = (await generateReport(db.kysely, org, '2023Q4', { date: '2024-01-05' })).model;
    for (const format of ['docx', 'md'] as const) {
      const text = await readReport(await renderReport(model, format), `report.${format}`);
      expect(text).toContain('四、下一步工作计划');
      expect({ format, findings: checkText(text).filter((f) => f.severity !== 'info') }).toEqual({ format, findings: [] });
    }
  }, 300_000);
});
