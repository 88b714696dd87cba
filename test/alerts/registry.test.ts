import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertRules, getRule } from '../../src/alerts/rules/index.ts';
import { ruleFileName, rulesDoc } from '../../src/alerts/rules-doc.ts';
import { citationText } from '../../src/shared/alerts.ts';

const rulesDir = path.resolve('src/alerts/rules');
const testsDir = path.resolve('test');
/** Files in src/alerts/rules that are not rules. */
const NOT_RULES = new Set(['index.ts', 'helpers.ts']);

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? testFiles(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
}

/** The alert-rule registry checks itself: names, tests, docs and citations. */
describe('alert-rule registry', () => {
  it('has unique ids, each declared in the file named after it (petition.overdue → petition-overdue.ts), and no other rule files', async () => {
    const ids = alertRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = fs
      .readdirSync(rulesDir)
      .filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f))
      .sort();
    expect(files).toEqual(ids.map((id) => `${ruleFileName(id)}.ts`).sort());
    for (const id of ids) {
      const mod = (await import(path.join(rulesDir, `${ruleFileName(id)}.ts`))) as { default: { id: string } };
      expect(mod.default.id, `${ruleFileName(id)}.ts`).toBe(id);
      expect(getRule(id)).toBe(mod.default);
    }
  });

  it('maps ids to file names the documented way', () => {
    expect(ruleFileName('petition.overdue')).toBe('petition-overdue');
    expect(ruleFileName('cadreAction.inInfluencePeriod')).toBe('cadre-action-in-influence-period');
  });

  it('has a test that names every rule', () => {
    const text = testFiles(testsDir)
      .filter((f) => !f.endsWith('registry.test.ts'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const untested = alertRules.map((r) => r.id).filter((id) => !new RegExp(`['"\`]${id.replace('.', '\\.')}['"\`]`).test(text));
    expect(untested).toEqual([]);
  });

  it('cites each regulation once, in the declaration, with a source level and what it says', () => {
    for (const r of alertRules) {
      expect(r.source.cites.length, r.id).toBeGreaterThan(0);
      expect(r.source.says.length, r.id).toBeGreaterThan(4);
      // Articles are only ever 第…条 (or a list of them), never a paraphrase.
      for (const c of r.source.cites) if (c.article) expect(c.article, r.id).toMatch(/^(第[一二三四五六七八九十百]+条、?)+$/);
      expect(citationText(r.source)).toContain(r.source.cites[0].name);
    }
  });

  it('docs/rules.md is what the declarations generate (run `npm run docs:rules` after changing a rule)', () => {
    const doc = fs.readFileSync(path.resolve('docs/rules.md'), 'utf8');
    expect(doc).toBe(rulesDoc());
    for (const r of alertRules) expect(doc).toContain(`## \`${r.id}\` ${r.title}`);
  });

  it('the generated doc follows a change in a declaration', () => {
    const changed = alertRules.map((r) =>
      r.id === 'petition.overdue' ? { ...r, source: { ...r.source, cites: [{ name: '《信访工作条例》', article: '第三十二条' }] } } : r,
    );
    expect(rulesDoc(changed)).not.toBe(rulesDoc());
    expect(rulesDoc(changed)).toContain('第三十二条');
  });
});

/** The citations the published texts give (issue 11, part 3): a wrong article here is a regression. */
describe('alert-rule citations', () => {
  const cite = (id: string) => citationText(getRule(id)!.source);
  it.each([
    ['petition.overdue', '《信访工作条例》（2022）第三十四条'],
    ['petition.dueSoon', '《信访工作条例》（2022）第三十四条'],
    ['petition.acceptanceOverdue', '《信访工作条例》（2022）第二十三条'],
    ['development.talkOverdue', '《中国共产党发展党员工作细则》第七条'],
    ['branchMeeting.quorum', '《中国共产党支部工作条例（试行）》第十一条'],
  ])('%s cites %s', (id, text) => {
    expect(cite(id)).toContain(text);
  });

  it('the quorum rule says 半数以上, not 超过半数', () => {
    expect(cite('branchMeeting.quorum')).toContain('半数以上');
    expect(cite('branchMeeting.quorum')).not.toContain('超过半数');
  });

  it('the inquiry rule counts from receipt and the petition rules from acceptance', () => {
    expect(cite('talk.inquiryReplyOverdue')).toContain('收到函件后15个工作日内');
    expect(cite('petition.overdue')).toContain('自受理之日起60日内办结');
    expect(cite('petition.overdue')).toContain('不得超过30日');
  });
});
