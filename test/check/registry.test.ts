import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules, ruleIds } from '../../src/check/rules/index.ts';
import { MESSAGES, RULE_TITLES } from '../../src/check/messages.ts';
import { recommended } from '../../src/check/presets.ts';

describe('rule registry', () => {
  it('is alphabetical and keyed by each rule’s id', () => {
    expect(ruleIds).toEqual([...ruleIds].sort());
    for (const [id, rule] of Object.entries(rules)) expect(rule.meta.id).toBe(id);
    expect(ruleIds.length).toBeGreaterThanOrEqual(11);
  });
  it.each(ruleIds)('%s has a source file, a test, a doc, a title, a preset entry and catalogued messages', (id) => {
    expect(fs.existsSync(path.resolve(`src/check/rules/${id}.ts`))).toBe(true);
    expect(fs.existsSync(path.resolve(`test/check/${id}.test.ts`))).toBe(true);
    const doc = path.resolve(`docs/check-rules/${id}.md`);
    expect(fs.existsSync(doc)).toBe(true);
    const md = fs.readFileSync(doc, 'utf8');
    expect(md).toContain('✗');
    expect(md).toContain('✓');
    expect(RULE_TITLES[id]).toBeTruthy();
    expect(recommended.rules?.[id]).toBeDefined();
    for (const key of Object.values(rules[id].meta.messages)) expect(MESSAGES[key]).toBeTruthy();
  });
});
