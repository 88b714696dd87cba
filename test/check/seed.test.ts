import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, hasErrors } from '../../src/check/engine.ts';
import type { CheckFinding } from '../../src/check/types.ts';

/** The seed report (2023 四季度, 东湖镇) ships with the repository. */
function seedText(): string {
  return fs.readFileSync(path.resolve('test/fixtures/seed-2023q4.txt'), 'utf8');
}

const findings = checkText(seedText());
const at = (line: number, rule?: string): CheckFinding[] => findings.filter((f) => f.line === line && (!rule || f.rule === rule));

describe('the seed report (2023 四季度, at least eight defects)', () => {
  it('is returned: it has errors', () => {
    expect(hasErrors(findings)).toBe(true);
  });
  it('infers the period from the title and flags the placeholder town (line 1)', () => {
    expect(at(1, 'placeholder').map((f) => f.message)).toEqual([expect.stringContaining('XX')]);
  });
  it('flags the placeholders in counts, rates and the congress (line 6)', () => {
    const msgs = at(6, 'placeholder').map((f) => f.message);
    expect(msgs.length).toBeGreaterThanOrEqual(8);
    expect(msgs.some((m) => m.includes('党的XX大'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('比率未填写'))).toBe(true);
    expect(at(6).every((f) => f.severity === 'error')).toBe(true);
  });
  it('flags the stray markup on lines 9 and 35', () => {
    expect(at(9, 'stray-markup')).toHaveLength(1);
    expect(at(9, 'stray-markup')[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('##paidbegin##') });
    expect(at(35, 'stray-markup')[0]).toMatchObject({ severity: 'error', excerpt: '##paidend##', column: 1 });
  });
  it('flags 一是 followed by 四是 (line 12)', () => {
    expect(at(12, 'numbering')).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('二是、三是') })]);
  });
  it('flags 党的十二大 and 西翟庄 (line 13)', () => {
    expect(at(13, 'congress')[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('十二大') });
    expect(at(13, 'foreign-place')[0]).toMatchObject({ message: expect.stringContaining('西翟庄') });
  });
  it('flags the second "3." (line 20)', () => {
    expect(at(20, 'numbering')[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('第15行') });
  });
  it('flags 平安静海 (line 22)', () => {
    expect(at(22, 'foreign-place')[0]).toMatchObject({ message: expect.stringContaining('静海') });
  });
  it('flags the 2022 Winter Olympics in a 2023 report (line 23)', () => {
    expect(at(23, 'event-year')[0]).toMatchObject({ message: expect.stringContaining('北京冬奥会') });
  });
  it('flags the stray 四是 inside 六是 (line 26)', () => {
    expect(at(26, 'numbering')[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('“六是”一段中出现“四是”') });
  });
  it('reports no numbering problem where the numbering is right', () => {
    expect(findings.filter((f) => f.rule === 'numbering').map((f) => f.line)).toEqual([12, 20, 26]);
  });
  it('treats the quoted “X＋N” task list as info only', () => {
    expect(at(7).find((f) => f.message.includes('X＋N'))?.severity).toBe('info');
  });
});

describe('the seed report’s findings stay exactly as they were before the formulation, punctuation and number rules', () => {
  it('equals the stored list (rule, severity, message, excerpt, line, column)', () => {
    const baseline = JSON.parse(fs.readFileSync(path.resolve('test/check/seed-findings.json'), 'utf8')) as unknown[];
    expect(findings.map(({ rule, severity, message, excerpt, line, column }) => ({ rule, severity, message, excerpt, line, column }))).toEqual(baseline);
  });
});
