/**
 * Presets: the house policy of the checker. A county config is applied on top
 * (`{rules: {'foreign-place': 'off'}}`). Errors are what a county reviewer would
 * return the report for; warnings and info are for the author to look at.
 */
import type { RuleConfig } from './types.ts';

export const recommended: RuleConfig = {
  rules: {
    // 党代会届次：报告期已召开党的二十大，仍写“十九大精神”“十二大精神”即退回。
    congress: 'error',
    // 事件年份：报告期尚未发生的事件为错误；往年事件写成当年工作为警告（可能是回顾）。
    'event-year': 'error',
    // 外地地名：地名库匹配不能百分之百确定，只作警告，由起草人确认。
    'foreign-place': 'warning',
    // 台账数字：报告写的数与该镇该期台账算出的数不符，退回；把握不大的对应只作提示。
    'ledger-number': 'error',
    // 规范表述：写错的规范提法、颠倒的固定顺序是退回理由；前后称呼不一致只作警告（见 messageSeverity）。
    formulation: 'error',
    // 组成部分：总体情况、重点任务、存在问题、下一步计划缺一提醒。
    'missing-part': 'warning',
    // 数字用法（GB/T 15835）：空格、缺量词、小数位不一，提醒修改。
    'number-usage': 'warning',
    // 编号：重复、跳号、颠倒、层级错乱都是退回理由。
    numbering: 'error',
    // 部分大于总数：数字自相矛盾，退回。
    'part-whole': 'error',
    // 占位符：XX、××、【】、某某等未填写即上报，退回。
    placeholder: 'error',
    // 标点符号（GB/T 15834）：多余顿号、重复标点、成对符号不配对、序号混用，提醒修改。
    punctuation: 'warning',
    // 比率：完成率、办结率、占比与所列数量不符，退回。
    'rate-arithmetic': 'error',
    // 重复段落：复制粘贴重复，提醒删除。
    'repeated-paragraph': 'warning',
    // 残留标记：##paidbegin##、HTML、Markdown 符号、乱码，退回。
    'stray-markup': 'error',
    // 全角半角：数字、百分号、标点混用，按公文格式提醒。
    'width-mix': 'warning',
  },
};

/** Strict: everything a reviewer might query is an error. */
export const strict: RuleConfig = {
  rules: Object.fromEntries(Object.keys(recommended.rules ?? {}).map((id) => [id, 'error'])),
};

export const presets = { recommended, strict } as const;
