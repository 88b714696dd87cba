/**
 * @fileoverview The quarterly report has four standard parts: 总体情况/总体部署,
 * 重点任务, 存在问题, 下一步计划 (see the default report template). Each missing part
 * is reported once, on the title line. Only first-level headings (一、…) are
 * searched when there are at least two; otherwise any short line. Documents
 * without a report title and headings are left alone. A 通报 (e.g. of rectification
 * progress) is not expected to have a 存在问题 part.
 *
 * Options: `parts` ({name, keywords: string[]}[]) to replace the standard list.
 */
import { defineCheckRule } from '../define.ts';

export interface PartSpec {
  name: string;
  keywords: string[];
  /** Not expected in documents whose title matches (a 整改进展情况通报 has no 存在问题 part). */
  notForTitle?: string;
}

export const STANDARD_PARTS: PartSpec[] = [
  { name: '总体情况', keywords: ['总体', '基本情况', '整体', '概况', '工作开展情况', '主要工作', '工作情况', '工作回顾'] },
  {
    name: '重点任务',
    keywords: [
      '重点任务',
      '主要做法',
      '工作成效',
      '落实情况',
      '主要工作',
      '具体工作',
      '工作举措',
      '任务落实',
      '重点工作',
      '责任情况',
      '履职情况',
      '整改落实',
      '整改进展',
      '工作措施',
      '主要成效',
      '做法成效',
    ],
  },
  { name: '存在问题', keywords: ['存在问题', '存在的问题', '问题和不足', '问题与不足', '不足', '短板', '薄弱环节', '差距'], notForTitle: '通报' },
  { name: '下一步计划', keywords: ['下一步', '工作计划', '工作打算', '工作思路', '今后', '努力方向', '工作安排', '计划'] },
];

export default defineCheckRule<{ parts: PartSpec[] }>({
  meta: {
    id: 'missing-part',
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A standard part of the quarterly report (总体情况, 重点任务, 存在问题, 下一步计划) is missing.', recommended: true },
    messages: { missing: 'missing-part.missing' },
    defaultOptions: { parts: STANDARD_PARTS },
  },
  check(ctx) {
    const title = ctx.lines.find((l) => l.title);
    const level1 = ctx.lines.filter((l) => l.heading?.level === 1);
    const isReport = (title && /报告|总结|情况/.test(title.text)) || level1.length >= 2;
    if (!isReport) return;
    const pool = level1.length >= 2 ? level1 : ctx.lines.filter((l) => l.text && l.text.length <= 30);
    if (!pool.length) return;
    const texts = pool.map((l) => l.text);
    const at = title?.no ?? pool[0].no;
    for (const part of ctx.options.parts) {
      if (part.notForTitle && title && new RegExp(part.notForTitle).test(title.text)) continue;
      if (!texts.some((t) => part.keywords.some((k) => t.includes(k)))) {
        ctx.report({ line: at, messageId: 'missing', data: { part: part.name } });
      }
    }
  },
});
