/**
 * An import file of either kind → import items. Excel is recognised by content (a zip), JSON
 * Lines must be UTF-8 text; anything else is refused with a message saying what to do.
 */
import fs from 'node:fs';
import type { CompiledLedger } from '../registry.ts';
import { parseJsonLines, type ImportError, type Origin } from '../import.ts';
import { readWorkbook, UnreadableFileError } from './read.ts';
import { looksMasked } from './cells.ts';

export { UnreadableFileError };

export interface SourceOptions {
  ledgers: CompiledLedger[];
  /** Import every record line / sheet row as this ledger (Excel), or check lines belong to it (JSON Lines). */
  ledger?: string;
  defaultOrg?: string;
  /** Original file name, for messages and the format guess. */
  name?: string;
}

export interface SourceResult {
  format: 'xlsx' | 'jsonl';
  items: { origin: Origin; item: unknown }[];
  errors: ImportError[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Decode UTF-8 strictly; a file in GBK (common from Windows tools) gets a clear message. */
export function decodeUtf8(b: Buffer, name = '文件'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\uFEFF/, '');
  } catch {
    throw new UnreadableFileError(`${name}不是 UTF-8 编码的文本（可能是 GBK/GB2312 编码或二进制文件）。请用记事本、WPS 或 VS Code 另存为“UTF-8”编码后再导入`);
  }
}

/**
 * Values exported masked (an ID number 1202**********1233, a sensitive name 张*) cannot be
 * restored: an optional one is left out, a required one is an error, as in the Excel reader.
 */
function dropMasked(items: { origin: Origin; item: unknown }[], ledgers: CompiledLedger[], errors: ImportError[]): void {
  const byKey = new Map(ledgers.map((l) => [l.key, l]));
  for (const { origin, item } of items) {
    const rec = item as { type?: unknown; ledger?: unknown; fields?: unknown } | null;
    if (!rec || rec.type !== 'record' || !rec.fields || typeof rec.fields !== 'object') continue;
    const l = byKey.get(String(rec.ledger));
    if (!l) continue;
    const fields = rec.fields as Record<string, unknown>;
    for (const f of l.decl.fields) {
      if (!looksMasked(f, fields[f.key])) continue;
      delete fields[f.key];
      if (f.required) errors.push({ ...origin, field: f.key, message: `“${f.label}”是导出时脱敏的值，不能导入，请填写完整内容` });
    }
  }
}

/** Head of the file: a path is read only as far as needed to tell the format. */
function head(input: string | Buffer): Buffer {
  if (Buffer.isBuffer(input)) return input.subarray(0, 8);
  const fd = fs.openSync(input, 'r');
  try {
    const b = Buffer.alloc(8);
    const n = fs.readSync(fd, b, 0, 8, 0);
    return b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

export async function readImportSource(input: string | Buffer, o: SourceOptions): Promise<SourceResult> {
  const name = o.name ?? (typeof input === 'string' ? input : '文件');
  const h = head(input);
  if (h.subarray(0, 4).equals(ZIP)) {
    const r = await readWorkbook(input, { ledgers: o.ledgers, ledger: o.ledger, defaultOrg: o.defaultOrg });
    return { format: 'xlsx', items: r.items, errors: r.errors };
  }
  if (h.subarray(0, 4).equals(OLE)) throw new UnreadableFileError(`${name}是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 后再导入`);
  if (/\.xlsx$/i.test(name)) throw new UnreadableFileError(`${name}不是有效的 .xlsx 文件`);
  const buf = Buffer.isBuffer(input) ? input : await fs.promises.readFile(input);
  if (buf.length === 0) throw new UnreadableFileError(`${name}是空文件`);
  if (buf.subarray(0, 8192).includes(0)) throw new UnreadableFileError(`${name}不是文本文件：请导入 JSON Lines（.jsonl，UTF-8）或 Excel（.xlsx）文件`);
  const text = decodeUtf8(buf, name);
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[')
    throw new UnreadableFileError(`${name}不是 JSON Lines 文件（每行应为一个 JSON 对象，如 {"type":"record",…}）。Excel 表格请保存为 .xlsx 后导入`);
  if (first === '[') {
    throw new UnreadableFileError(
      `${name}是一个 JSON 数组：请改为 JSON Lines 格式，每行一个对象（如 {"type":"record","ledger":"rectification","org":"…","fields":{…}}）`,
    );
  }
  const { items, errors } = parseJsonLines(text);
  dropMasked(items, o.ledgers, errors);
  if (o.ledger) {
    for (const it of items) {
      const rec = it.item as { type?: unknown; ledger?: unknown } | null;
      if (rec && typeof rec === 'object' && rec.type === 'record' && rec.ledger !== o.ledger) {
        errors.push({
          ...it.origin,
          field: 'ledger',
          message: `本次只导入“${o.ledgers.find((l) => l.key === o.ledger)?.decl.label ?? o.ledger}”，此行是“${String(rec.ledger ?? '')}”`,
        });
      }
    }
  }
  return { format: 'jsonl', items, errors };
}
