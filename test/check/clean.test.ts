import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, hasErrors } from '../../src/check/engine.ts';

const clean = fs.readFileSync(path.resolve('test/fixtures/clean-nanping-2023q4.txt'), 'utf8');

describe('a clean quarterly report (南坪镇, 清河县, 2023Q4)', () => {
  it('has no error, inferring subject and period from the title', () => {
    const findings = checkText(clean);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(hasErrors(findings)).toBe(false);
  });
  it('has no warning either: only the quoted “X＋N” list name is mentioned (info)', () => {
    const findings = checkText(clean);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual(['placeholder']);
  });
  it('stays clean with the subject and period given explicitly', () => {
    const findings = checkText(clean, { subject: { town: '南坪镇', county: '清河县', publicAccount: '清风南坪', congress: '二十' }, period: '2023Q4' });
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('would be returned once a defect is put back in', () => {
    const broken = clean.replace('完成率83％', '完成率93％').replace('平安清河', '平安静海');
    const findings = checkText(broken, { subject: { town: '南坪镇', county: '清河县' } });
    expect(findings.map((f) => f.rule).sort()).toEqual(['foreign-place', 'placeholder', 'rate-arithmetic']);
    expect(hasErrors(findings)).toBe(true);
  });
});
