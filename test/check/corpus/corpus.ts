/**
 * The checker's corpus: clean reports in the real genres (test/check/corpus/clean) and a
 * manifest of planted errors (what to change on which line, and which rule must find it).
 * Planted copies are built from the clean text and the manifest, so the two never drift.
 * Shared by test/check/corpus.test.ts (the goals) and bench/check-corpus.bench.ts (the figures).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkText } from '../../../src/check/engine.ts';
import type { CheckFinding } from '../../../src/check/types.ts';

export interface Plant {
  kind: string;
  file: string;
  line: number;
  find: string;
  replace: string;
  rule: string;
  /** Findings the plant must cause (default 1). */
  count?: number;
}

export interface Manifest {
  /** Characters per page: GB/T 9704 puts 22 lines of 28 characters on a page. */
  pageChars: number;
  reports: Array<{ file: string; genre: string }>;
  plants: Plant[];
}

/** The messages that count as finding a planted error of each kind. */
export const KIND_MESSAGES: Record<string, string[]> = {
  formulation: ['wrong', 'nearMiss'],
  order: ['order'],
  consistency: ['inconsistent'],
  caesura: ['caesura'],
  'doubled-mark': ['doubled'],
  unbalanced: ['unbalanced', 'unclosed'],
  'marker-mix': ['markerMix'],
  'number-space': ['space'],
  'measure-word': ['measureWord'],
  decimals: ['decimals'],
  'share-rounding': ['mismatch'],
  'part-whole': ['partExceeds'],
};

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(here, 'manifest.json'), 'utf8')) as Manifest;
}

export function cleanText(file: string): string {
  return fs.readFileSync(path.join(here, 'clean', file), 'utf8');
}

/** The clean text with its plants applied; each `find` must occur exactly once on its line. */
export function plantedText(clean: string, plants: readonly Plant[]): string {
  const lines = clean.split('\n');
  for (const p of plants) {
    const raw = lines[p.line - 1];
    if (raw === undefined) throw new Error(`${p.file}:${p.line}: no such line`);
    const at = raw.indexOf(p.find);
    if (at < 0 || raw.indexOf(p.find, at + 1) >= 0) throw new Error(`${p.file}:${p.line}: “${p.find}” must occur exactly once`);
    lines[p.line - 1] = raw.slice(0, at) + p.replace + raw.slice(at + p.find.length);
  }
  return lines.join('\n');
}

export interface KindScore {
  planted: number;
  found: number;
}

export interface CorpusResult {
  byKind: Map<string, KindScore>;
  missed: Plant[];
  pages: number;
  chars: number;
  cleanFindings: Array<CheckFinding & { file: string }>;
}

/** Runs the checker over every clean report and its planted copy. */
export function evaluate(manifest = loadManifest()): CorpusResult {
  const byKind = new Map<string, KindScore>();
  const missed: Plant[] = [];
  const cleanFindings: Array<CheckFinding & { file: string }> = [];
  let chars = 0;
  for (const r of manifest.reports) {
    const clean = cleanText(r.file);
    chars += clean.replace(/\s/g, '').length;
    for (const f of checkText(clean)) cleanFindings.push({ ...f, file: r.file });
    const plants = manifest.plants.filter((p) => p.file === r.file);
    const findings = checkText(plantedText(clean, plants));
    const used = new Set<CheckFinding>();
    for (const p of plants) {
      const score = byKind.get(p.kind) ?? { planted: 0, found: 0 };
      const want = p.count ?? 1;
      const ok = KIND_MESSAGES[p.kind];
      if (!ok) throw new Error(`${p.file}:${p.line}: unknown kind ${p.kind}`);
      const hits = findings.filter((f) => !used.has(f) && f.line === p.line && f.rule === p.rule && ok.includes(f.messageId ?? '')).slice(0, want);
      for (const h of hits) used.add(h);
      score.planted += want;
      score.found += hits.length;
      if (hits.length < want) missed.push(p);
      byKind.set(p.kind, score);
    }
  }
  return { byKind, missed, chars, pages: chars / manifest.pageChars, cleanFindings };
}
