/**
 * Fix suggestions on the check page: apply one mechanical fix to the text, and download the
 * corrected report — as .txt, or as the uploaded .docx with the same fixes made in its runs.
 */
import JSZip from 'jszip';
import { applyFixToDocumentXml } from '../../../shared/docx-edit.ts';
import { saveBlob } from '../../api.ts';

export interface Fix {
  index: number;
  length: number;
  text: string;
}

export interface AppliedFix {
  line: number;
  fix: Fix;
}

/** The text with one fix applied to line `line` (1-based). */
export function applyToText(text: string, { line, fix }: AppliedFix): string {
  const lines = text.split(/\r?\n/);
  const raw = lines[line - 1] ?? '';
  lines[line - 1] = raw.slice(0, fix.index) + fix.text + raw.slice(fix.index + fix.length);
  return lines.join('\n');
}

const stem = (name?: string): string => (name ?? '报告').replace(/\.[^.]+$/, '');

export function downloadText(text: string, fileName?: string): void {
  saveBlob(new Blob([`\uFEFF${text.replace(/\n/g, '\r\n')}`], { type: 'text/plain;charset=utf-8' }), `${stem(fileName)}（已修正）.txt`);
}

/** The uploaded .docx with the applied fixes made in word/document.xml, in the order they were applied. */
export async function downloadDocx(file: File, applied: readonly AppliedFix[]): Promise<void> {
  const zip = await JSZip.loadAsync(await file.arrayBuffer());
  const doc = zip.file('word/document.xml');
  if (!doc) throw new Error('文件中没有 word/document.xml');
  let xml = await doc.async('string');
  // Footnotes and endnotes are lines of the checked text too; they keep the line numbers aligned.
  const notes = { footnotes: await zip.file('word/footnotes.xml')?.async('string'), endnotes: await zip.file('word/endnotes.xml')?.async('string') };
  for (const a of applied) xml = applyFixToDocumentXml(xml, a.line, a.fix, notes);
  zip.file('word/document.xml', xml);
  const blob = await zip.generateAsync({
    type: 'blob',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    compression: 'DEFLATE',
  });
  saveBlob(blob, `${stem(file.name)}（已修正）.docx`);
}
