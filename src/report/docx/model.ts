/**
 * The document model the report engine produces and the .docx renderer consumes.
 * Layout follows GB/T 9704-2012 (see docs/docx.md).
 */

export interface OfficialDoc {
  /** e.g. '2023年东湖镇四季度落实全面从严治党攻坚战情况报告'; may contain '\n' for a 2-line title */
  title: string;
  blocks: DocBlock[];
  /** 落款: issuer '中共东湖镇委员会' and date '2023年12月31日' (date as written) */
  signature?: { issuer: string; date: string };
}

export type DocBlock =
  /** text already carries its number: '一、…', '（一）…', '1.…', '（1）…' */
  | { type: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  /** body paragraph, first line indented 2 characters */
  | { type: 'paragraph'; runs: DocRun[] };

export interface DocRun {
  text: string;
  bold?: boolean;
}

export interface DocxOptions {
  fonts?: Partial<FontMap>;
  /** bold the level 2 headings '（一）' (local practice; default false) */
  boldLevel2?: boolean;
  /** bold the level 3 and 4 headings '1.' and '（1）' (local practice; default false) */
  boldLevel3?: boolean;
}

export interface FontMap {
  title: string;
  body: string;
  heading1: string;
  heading2: string;
  pageNumber: string;
}

/** Font names per GB/T 9704-2012; the user's Word or WPS has them, the .docx only names them. */
export const DEFAULT_FONTS: FontMap = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
};
