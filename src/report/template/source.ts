/**
 * A piece of template text joined from several lines, with a map back to line:column so that
 * an error anywhere in a paragraph names the place the author wrote it.
 */
import type { Diagnostic, Pos } from './types.ts';
import { msg, type MessageId } from './messages.ts';

interface Start {
  offset: number;
  line: number;
  column: number;
}

export class SourceText {
  private constructor(
    readonly text: string,
    private readonly starts: Start[],
  ) {}

  /** Joins pieces without a separator (Chinese text has no spaces between lines). */
  static of(pieces: { text: string; line: number; column: number }[]): SourceText {
    let text = '';
    const starts: Start[] = [];
    for (const p of pieces) {
      starts.push({ offset: text.length, line: p.line, column: p.column });
      text += p.text;
    }
    if (starts.length === 0) starts.push({ offset: 0, line: 1, column: 1 });
    return new SourceText(text, starts);
  }

  static single(text: string, line: number, column: number): SourceText {
    return SourceText.of([{ text, line, column }]);
  }

  pos(offset: number): Pos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid].offset <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = this.starts[lo];
    return { line: s.line, column: s.column + (offset - s.offset) };
  }
}

/** Collects diagnostics; every message comes from the catalogue in messages.ts. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  error(pos: Pos, id: MessageId, data?: Record<string, string | number>): void {
    this.list.push({ ...pos, severity: 'error', message: msg(id, data) });
  }

  warn(pos: Pos, id: MessageId, data?: Record<string, string | number>): void {
    this.list.push({ ...pos, severity: 'warning', message: msg(id, data) });
  }
}
