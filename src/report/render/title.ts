/** Breaking a long report title into two lines (pure: shared by the .docx and the HTML preview). */
import { widthInChars } from '../docx/layout.ts';

/** Characters of 二号 per title line: 20 fit the 156 mm type area exactly; keep one spare. */
const TITLE_WIDTH = 19;
/** Words after which a long title may break (词意完整). */
const BREAK_AFTER = ['全面从严治党', '攻坚战', '季度', '落实', '年'];

/**
 * Breaks a title that does not fit one line into two, after a whole word, keeping the first
 * line as long as fits (GB/T 9704 7.2.3: 回行时词意完整、排列对称).
 */
export function splitTitle(title: string, width = TITLE_WIDTH): string {
  if (title.includes('\n') || widthInChars(title) <= width) return title;
  let best = -1;
  for (const word of BREAK_AFTER) {
    let at = title.indexOf(word);
    while (at >= 0) {
      const cut = at + word.length;
      if (cut < title.length && widthInChars(title.slice(0, cut)) <= width && widthInChars(title.slice(cut)) <= width && cut > best) best = cut;
      at = title.indexOf(word, at + 1);
    }
  }
  if (best < 0) {
    best = 0;
    while (best < title.length && widthInChars(title.slice(0, best + 1)) <= width) best++;
  }
  return `${title.slice(0, best)}\n${title.slice(best)}`;
}
