import { describe, expect, it } from 'vitest';
import { cleanText, evaluate, loadManifest, plantedText } from './corpus/corpus.ts';

const manifest = loadManifest();
const result = evaluate(manifest);

describe('the corpus of real-genre reports', () => {
  it('covers every genre and every planted kind at least three times', () => {
    expect(manifest.reports.map((r) => r.file).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^quarterly-/),
        expect.stringMatching(/^annual-/),
        expect.stringMatching(/^rectification-/),
        expect.stringMatching(/^summary-/),
      ]),
    );
    for (const [kind, s] of result.byKind) expect(s.planted, kind).toBeGreaterThanOrEqual(3);
    expect([...result.byKind.keys()].sort()).toEqual([
      'caesura',
      'consistency',
      'decimals',
      'doubled-mark',
      'formulation',
      'marker-mix',
      'measure-word',
      'number-space',
      'order',
      'part-whole',
      'share-rounding',
      'unbalanced',
    ]);
  });
  it('plants each error where the manifest says (the text to change is on that line, once)', () => {
    for (const r of manifest.reports)
      expect(() =>
        plantedText(
          cleanText(r.file),
          manifest.plants.filter((p) => p.file === r.file),
        ),
      ).not.toThrow();
  });
  it.each([...result.byKind.entries()])('finds at least 90 %% of the planted %s errors', (kind, s) => {
    const missed = result.missed.filter((p) => p.kind === kind).map((p) => `${p.file}:${p.line} ${p.replace}`);
    expect(s.found / s.planted, missed.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
  it('raises no error on the clean reports and at most one warning per ten pages', () => {
    const show = (fs: typeof result.cleanFindings) => fs.map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`).join('\n');
    const errors = result.cleanFindings.filter((f) => f.severity === 'error');
    const warnings = result.cleanFindings.filter((f) => f.severity === 'warning');
    expect(errors, show(errors)).toEqual([]);
    expect(warnings.length, show(warnings)).toBeLessThanOrEqual(Math.floor(result.pages / 10));
    expect(result.pages).toBeGreaterThanOrEqual(10);
  });
});
