/**
 * Every Chinese text the checker shows, in one catalogue (as zhlint's messages.ts).
 * Rules refer to these by key; `{{name}}` is replaced by the report's data.
 */
export const MESSAGES = {
  // placeholder
  'placeholder.number': '数字未填写：“{{text}}”仍是占位符',
  'placeholder.rate': '比率未填写：“{{text}}”仍是占位符',
  'placeholder.year': '年份未填写：“{{text}}”仍是占位符',
  'placeholder.name': '名称未填写：“{{text}}”仍是占位符',
  'placeholder.congress': '党代会届次未填写：“{{text}}”仍是占位符',
  'placeholder.generic': '残留占位符“{{text}}”',
  'placeholder.blank': '残留待填空白“{{text}}”',
  'placeholder.todo': '残留待办标记“{{text}}”',
  'placeholder.emptyValue': '数值缺失：“{{text}}”没有具体数字',
  'placeholder.xPlusN': '“{{text}}”形似占位符；如是清单名称可忽略，否则请填写',
  // numbering
  'numbering.duplicate': '编号“{{marker}}”重复（第{{prevLine}}行已有“{{prevMarker}}”）',
  'numbering.gap': '编号不连续：“{{prevMarker}}”之后是“{{marker}}”，缺少“{{missing}}”',
  'numbering.badStart': '编号应从“{{expected}}”开始，这里是“{{marker}}”',
  'numbering.order': '编号顺序颠倒：“{{prevMarker}}”之后是“{{marker}}”',
  'numbering.nested': '“{{outer}}”一段中出现“{{marker}}”，编号层级混乱',
  // rate-arithmetic
  'rate-arithmetic.mismatch': '{{name}}{{rate}}％与数量不符：{{part}}÷{{total}}应为{{expected}}％',
  'rate-arithmetic.overHundred': '{{name}}{{rate}}％超过100％，不可能成立',
  'rate-arithmetic.zeroTotal': '总数为0时不能计算{{name}}（写了{{rate}}％）',
  // part-whole
  'part-whole.partExceeds': '部分大于总数：{{partLabel}}{{part}}{{unit}}多于{{totalLabel}}{{total}}{{unit}}',
  // congress
  'congress.future': '“{{text}}”在报告期（{{date}}）尚未召开，现届为党的{{current}}大',
  'congress.outdated': '“{{text}}”与报告期不符：报告期（{{date}}）应学习贯彻党的{{current}}大精神',
  'congress.futurePlenum': '“{{text}}”在报告期（{{date}}）尚未召开（{{held}}召开）',
  // event-year
  'event-year.notYet': '“{{text}}”在报告期（截至{{date}}）尚未发生（{{when}}）',
  'event-year.past': '“{{text}}”是{{when}}的事件，写进{{year}}年报告的当年工作中疑似沿用旧稿',
  // foreign-place
  'foreign-place.other': '“{{text}}”是{{where}}的地名，不是本单位（{{own}}）的名称，疑似沿用他处材料',
  // stray-markup
  'stray-markup.tag': '残留标记“{{text}}”（复制粘贴带入）',
  'stray-markup.html': '残留HTML代码“{{text}}”',
  'stray-markup.entity': '残留HTML转义符“{{text}}”',
  'stray-markup.markdown': '残留Markdown符号“{{text}}”',
  'stray-markup.mojibake': '出现乱码“{{text}}”，文件编码可能有误',
  'stray-markup.invisible': '含不可见字符（{{text}}），请清除',
  // width-mix
  'width-mix.fullDigit': '全角数字“{{text}}”，公文数字应使用半角',
  'width-mix.percent': '百分号全角“％”与半角“%”混用（全文{{full}}处“％”、{{half}}处“%”），此处为“{{text}}”',
  'width-mix.halfPunct': '中文中夹用半角标点“{{text}}”（本行共{{count}}处）',
  // repeated-paragraph
  'repeated-paragraph.paragraph': '本段与第{{first}}行完全相同，疑似重复粘贴',
  'repeated-paragraph.sentence': '句子与第{{first}}行重复：“{{text}}”',
  // missing-part
  'missing-part.missing': '报告缺少“{{part}}”部分',
  // ledger-number
  'ledger-number.mismatch': '报告写“{{stated}}”，台账为{{actual}}（{{label}}）',
  'ledger-number.noData': '报告写“{{stated}}”，台账中{{label}}无法计算（分母为0或无记录）',
  'ledger-number.untied': '“{{stated}}”未能对应台账指标（最接近：{{label}}，把握{{confidence}}），请人工核对',
  // formulation
  'formulation.wrong': '规范表述有误：“{{text}}”应为“{{right}}”',
  'formulation.nearMiss': '疑似规范表述写错：“{{text}}”应为“{{right}}”',
  'formulation.order': '{{name}}的顺序是固定的：“{{text}}”应为“{{right}}”',
  'formulation.inconsistent': '前后表述不一致：第{{first}}行为“{{canonical}}”，此处为“{{text}}”',
  // punctuation
  'punctuation.caesura': '“{{text}}”：带{{kind}}的并列成分之间通常不用顿号（GB/T 15834-2011）',
  'punctuation.doubled': '标点重复“{{text}}”，应为“{{keep}}”',
  'punctuation.unbalanced': '“{{mark}}”前面缺少与之配对的“{{missing}}”',
  'punctuation.unclosed': '“{{mark}}”没有配对的“{{missing}}”',
  'punctuation.markerMix': '同一层级的序号混用“1.”和“1、”（{{dots}}处“.”、{{commas}}处“、”），“{{marker}}”应为“{{right}}”',
  // number-usage
  'number-usage.space': '“{{text}}”：数字与单位之间不应有空格',
  'number-usage.measureWord': '“{{text}}”缺少量词，应为“{{right}}”',
  'number-usage.decimals': '同一组百分数的小数位数不一致：“{{text}}”应保留{{decimals}}位小数，为“{{right}}”',
  // engine
  'engine.ruleFailed': '规则“{{rule}}”执行出错：{{error}}',
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** Chinese one-line descriptions of the rules, for the CLI, the server and the docs. */
export const RULE_TITLES: Record<string, string> = {
  congress: '党代会届次与报告期相符',
  'event-year': '提到的事件与报告年份相符',
  'foreign-place': '不出现外地地名',
  'ledger-number': '报告中的数字与台账一致',
  formulation: '规范表述准确、固定顺序不颠倒、前后一致',
  'missing-part': '报告包含规定的组成部分',
  'number-usage': '数字用法规范（数字与单位间无空格、量词不缺、小数位一致）',
  numbering: '各级编号连续、不重复、不错位',
  'part-whole': '部分不大于总数',
  placeholder: '不残留占位符（XX、××、【】等）',
  punctuation: '标点符号用法规范（顿号、重复标点、成对符号、序号）',
  'rate-arithmetic': '比率与数量一致',
  'repeated-paragraph': '不重复粘贴段落',
  'stray-markup': '不残留标记、代码和乱码',
  'width-mix': '全角半角不混用',
};

export const SEVERITY_LABELS = { error: '错误', warning: '警告', info: '提示' } as const;

export function formatMessage(key: MessageKey, data: Record<string, string | number> = {}): string {
  return MESSAGES[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}
