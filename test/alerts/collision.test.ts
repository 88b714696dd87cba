import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { idFor, load, rec, run, smallCounty } from './helpers.ts';

/** 小微权力监督: lists against declared relatives, by ID number and (less sure) by name. */
describe(`${dialectName}: relative.undisclosedPowerMatter`, () => {
  let db: Db;
  const spouse = idFor('1975-02-03', '321');
  const son = idFor('1999-09-09', '555');
  const daughter = idFor('2001-01-01', '777');
  beforeAll(async () => {
    db = await createTestDb();
    await smallCounty(db);
    await load(db, [
      rec('relative', 'T', { cadre: '村书记甲', cadrePost: '党支部书记', name: '王芳', relation: '配偶', idNumber: spouse, filedOn: '2023-03-01' }),
      rec('relative', 'T', { cadre: '村书记甲', cadrePost: '党支部书记', name: '张强', relation: '子女', idNumber: son, filedOn: '2023-03-01' }),
      rec('relative', 'T', { cadre: '村主任乙', cadrePost: '村委会主任', name: '李梅', relation: '子女', idNumber: daughter, filedOn: '2023-03-01' }),
      // The spouse on the 低保 list (ID match), undeclared → red.
      rec('beneficiary', 'T-V1', { name: '王芳', idNumber: spouse, program: '低保', village: 'T-V1', approvedOn: '2023-05-01' }),
      // The son works on a project, listed without an ID → name match, yellow.
      rec('projectParty', 'T-V1', { project: '一村道路硬化', role: '务工人员', name: '张强', village: 'T-V1', contractedOn: '2023-06-01' }),
      // The daughter on the 危房改造 list, declared and verified → nothing.
      rec('beneficiary', 'T-V2', { name: '李梅', idNumber: daughter, program: '危房改造', village: 'T-V2', approvedOn: '2023-05-01' }),
      rec('powerMatter', 'T-V2', {
        title: '李梅危房改造',
        matterType: '危房改造',
        cadre: '村主任乙',
        beneficiary: '李梅',
        occurredOn: '2023-05-01',
        verified: true,
        publicizedOn: '2023-05-10',
      }),
      // Same name as the spouse but a different ID: another person → nothing.
      rec('beneficiary', 'T-V2', { name: '王芳', idNumber: idFor('1950-01-01', '999'), program: '惠农补贴', village: 'T-V2', approvedOn: '2023-05-01' }),
      // A namesake in the other town: relatives are matched within their town.
      rec('beneficiary', 'U-V1', { name: '张强', program: '低保', village: 'U-V1', approvedOn: '2023-05-01' }),
    ]);
  });
  afterAll(() => db.close());

  it('flags the undeclared relatives: by ID (error) and by name (warning)', async () => {
    const fs = await run(db, 'relative.undisclosedPowerMatter', '2023-12-31');
    expect(fs.map((f) => f.severity).sort()).toEqual(['error', 'warning']);
    const red = fs.find((f) => f.severity === 'error')!;
    expect(red.message).toContain('村书记甲（党支部书记）的配偶王芳出现在低保名单中（身份证号一致：1202**********');
    expect(red.message).not.toContain(spouse);
    expect(fs.find((f) => f.severity === 'warning')!.message).toContain('姓名一致，身份证号待核实');
  });

  it('clears once a verified matter of that type is declared, not an unverified one', async () => {
    await load(db, [
      rec('powerMatter', 'T-V1', { title: '王芳低保', matterType: '低保', cadre: '村书记甲', beneficiary: '王芳', occurredOn: '2023-05-01', verified: false }),
    ]);
    expect((await run(db, 'relative.undisclosedPowerMatter', '2023-12-31')).map((f) => f.severity).sort()).toEqual(['error', 'warning']);
    await load(db, [
      rec('powerMatter', 'T-V1', { title: '王芳低保', matterType: '低保', cadre: '村书记甲', beneficiary: '王芳', occurredOn: '2023-05-01', verified: true }),
    ]);
    expect((await run(db, 'relative.undisclosedPowerMatter', '2023-12-31')).map((f) => f.severity)).toEqual(['warning']);
  });

  it('ignores lists dated after the as-of date', async () => {
    expect(await run(db, 'relative.undisclosedPowerMatter', '2023-04-30')).toEqual([]);
  });
});
