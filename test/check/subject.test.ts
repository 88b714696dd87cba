import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { subjectFromOrg, SubjectError } from '../../src/check/subject.ts';
import { checkText } from '../../src/check/engine.ts';
import { seedOrgs } from './org-fixture.ts';

describe('subjectFromOrg', () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
    await seedOrgs(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('builds the subject of a town from its profile, county and villages', async () => {
    expect(await subjectFromOrg(db.kysely, 'QH-NP')).toEqual({
      town: '南坪镇',
      county: '清河县',
      city: '邢台市',
      province: '河北省',
      villages: ['东湖村', '新华社区'],
      shortNames: ['南坪'],
      publicAccount: '清风南坪',
      congress: '二十',
    });
  });
  it('uses the town of a village or branch', async () => {
    expect(await subjectFromOrg(db.kysely, 'QH-NP-V01-B1')).toMatchObject({ town: '南坪镇', county: '清河县' });
  });
  it('fails in Chinese for an unknown org', async () => {
    await expect(subjectFromOrg(db.kysely, 'NOPE')).rejects.toThrow(SubjectError);
    await expect(subjectFromOrg(db.kysely, 'NOPE')).rejects.toThrow(/组织不存在/);
  });
  it('lets the checker accept the town’s own names and flag others', async () => {
    const subject = await subjectFromOrg(db.kysely, 'QH-NP');
    const text = '2023年南坪镇四季度情况报告\n组织东湖村党员学习，利用“清风南坪”公众号宣传，建设平安清河。\n建设更高水平的平安静海。';
    const f = checkText(text, { subject, period: '2023Q4' }).filter((x) => x.rule === 'foreign-place');
    expect(f.map((x) => x.line)).toEqual([3]);
  });
});
