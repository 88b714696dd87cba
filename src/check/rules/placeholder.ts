/**
 * @fileoverview Placeholders left in a report: "XX镇", "开展专项监督XX次", "完成率XX％",
 * "20XX年", "党的XX大", "××", "某某" (but not an anonymised "张某某"), "□□", empty
 * "【】", "（　　）", "____", "{{…}}", "待补充", and values a generator left empty
 * ("完成率％", "NaN"). A quoted "X＋N" is the name of a task list in many counties,
 * so it is only an info; unquoted it is a warning.
 *
 * Options: none.
 */
import { defineCheckRule } from '../define.ts';
import type { RuleContext } from '../types.ts';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

const UNIT = '(?:个|次|人次|人|名|件|条|项|篇|份|部|余|批次|批|起|处|块|户|家|场|期|届|天|小时|张|座|支|所|万|元|亿|岁|\\.|．|[％%])';
const NAME_AFTER = /^(?:镇|乡|街道|县|区|市|村|社区|省|公众号|”|"|大地)/;

type Kind = 'number' | 'rate' | 'year' | 'name' | 'congress' | 'generic';

function classify(before: string, match: string, after: string): Kind {
  if (/^年(?!龄)/.test(after) || /\d$/.test(before) || /^\d/.test(match)) return 'year';
  if (/党的$/.test(before) || /^(?:大(?:精神|报告|以来|代表|胜利|召开|部署|决策|$)|届|中全会)/.test(after)) return 'congress';
  if (/^(?:[.．][XxＸｘ]+)?[％%]/.test(after) || /[％%]$/.test(match)) return 'rate';
  if (NAME_AFTER.test(after) || /[“"]$/.test(before)) return 'name';
  if (new RegExp(`^${UNIT}`).test(after)) return 'number';
  return 'generic';
}

function inAsciiToken(raw: string, start: number, end: number): boolean {
  let l = start;
  let r = end;
  while (l > 0 && /[A-Za-z0-9._:/@-]/.test(raw[l - 1])) l--;
  while (r < raw.length && /[A-Za-z0-9._:/@-]/.test(raw[r])) r++;
  const token = raw.slice(l, r);
  return token.length > end - start + 2 && /[./@]/.test(token) && /[A-Za-z]{2,}/.test(token.replace(/[Xx]/g, ''));
}

/** Inside a short quotation: “X＋N”, “1+X”. */
function quoted(raw: string, index: number, length: number): boolean {
  const left = raw.slice(Math.max(0, index - 8), index);
  const right = raw.slice(index + length, index + length + 8);
  return /[“"「『][^”"」』“「『]*$/.test(left) && /^[^“"「『”"」』]*[”"」』]/.test(right);
}

function scanLatinX(ctx: RuleContext, no: number, raw: string): void {
  const re = /\d*[XxＸｘ]+(?:[.．][XxＸｘ]+)?(?:[＋+][NnＮｎ])?[％%]?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const s = m[0];
    const start = m.index;
    const end = start + s.length;
    const prev = raw[start - 1] ?? '';
    const next = raw[end] ?? '';
    if (/[A-Za-zＡ-Ｚａ-ｚ]/.test(prev) || /[A-Za-zＡ-Ｚａ-ｚ]/.test(next)) continue;
    if (/^[xｘ]$/.test(s) && /\d/.test(prev) && /\d/.test(next)) continue; // 3x3
    if (/^[XxＸｘ]$/.test(s) && /^(?:光|射线|型|轴|线)/.test(raw.slice(end))) continue;
    if (inAsciiToken(raw, start, end)) continue;
    if (/[＋+][NnＮｎ]$/.test(s) || /[＋+]/.test(prev) || /^[＋+]/.test(raw.slice(end))) {
      let l = start;
      let r = end;
      while (l > 0 && /[0-9０-９A-Za-zＡ-Ｚａ-ｚ＋+]/.test(raw[l - 1])) l--;
      while (r < raw.length && /[0-9０-９A-Za-zＡ-Ｚａ-ｚ＋+]/.test(raw[r])) r++;
      const q = quoted(raw, l, r - l);
      ctx.report({ line: no, index: start, length: s.length, messageId: 'xPlusN', severity: q ? 'info' : 'warning', data: { text: raw.slice(l, r) } });
      continue;
    }
    const kind = classify(raw.slice(Math.max(0, start - 4), start), s, raw.slice(end, end + 6));
    ctx.report({ line: no, index: start, length: s.length, messageId: kind, data: { text: contextText(raw, start, s, kind) } });
  }
}

/** The placeholder as a reader names it: "XX镇", "专项监督XX次", "完成率XX％", "党的XX大". */
function contextText(raw: string, start: number, s: string, kind: Kind | 'other' = 'other'): string {
  const after = raw.slice(start + s.length);
  const lead = /[\u4e00-\u9fa5]{0,4}$/.exec(raw.slice(Math.max(0, start - 4), start))?.[0] ?? '';
  switch (kind) {
    case 'name':
      return `${/[“"]$/.test(raw.slice(0, start)) ? '“' : ''}${s}${/^(?:街道|公众号|社区|[镇乡县区市村省”"])/.exec(after)?.[0] ?? ''}`;
    case 'number':
      return `${lead}${s}${new RegExp(`^余?${UNIT}`).exec(after)?.[0] ?? ''}`;
    case 'rate':
      return `${lead}${s}${/^[％%]/.test(after) ? after[0] : ''}`;
    case 'year':
      return `${s}年`;
    case 'congress':
      return `${/党的$/.test(raw.slice(0, start)) ? '党的' : ''}${s}${/^(?:大|届|中全会)/.exec(after)?.[0] ?? ''}`;
    default:
      return `${lead}${s}`;
  }
}

const OTHER_PATTERNS: Array<{ re: RegExp; messageId: string; skip?: (raw: string, i: number) => boolean }> = [
  { re: /[×✕╳]{2,}|□{2,}|■{2,}|〇〇(?![一二三四五六七八九〇])|＊{2,}/g, messageId: 'generic' },
  { re: /\*{1,3}(?=[镇乡县区市村]|总书记|同志)/g, messageId: 'generic' },
  { re: /某某/g, messageId: 'generic', skip: (raw, i) => i > 0 && SURNAMES.includes(raw[i - 1]) },
  { re: /【\s*】|【[^】]{0,16}(?:填写|名称|数字|数据|待定|待补|待填|单位|XX|xx)[^】]{0,8}】/g, messageId: 'blank' },
  { re: /[（(][\s\u3000]{2,}[）)]|_{3,}|＿{2,}/g, messageId: 'blank' },
  { re: /\{\{[^}]*\}\}|\$\{[^}]*\}/g, messageId: 'generic' },
  { re: /待补充|待填写|待完善|此处填写|此处插入|TODO|TBD/g, messageId: 'todo' },
  { re: /(?:率|占比|比例|比重)(?:均为|为|达到|达|是)?\s*(?:[％%]|—+|－+|-{1,2}(?![\d]))/g, messageId: 'emptyValue' },
  { re: /(?<![A-Za-z])(?:NaN|undefined|null|Infinity)(?![A-Za-z])/g, messageId: 'emptyValue' },
];

export default defineCheckRule({
  meta: {
    id: 'placeholder',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Placeholders (XX, ××, 某某, 【】, blanks) left where a number or name belongs.', recommended: true },
    messages: {
      number: 'placeholder.number',
      rate: 'placeholder.rate',
      year: 'placeholder.year',
      name: 'placeholder.name',
      congress: 'placeholder.congress',
      generic: 'placeholder.generic',
      blank: 'placeholder.blank',
      todo: 'placeholder.todo',
      emptyValue: 'placeholder.emptyValue',
      xPlusN: 'placeholder.xPlusN',
    },
    messageSeverity: { xPlusN: 'warning' },
    defaultOptions: {},
  },
  check(ctx) {
    for (const line of ctx.lines) {
      if (!line.text) continue;
      scanLatinX(ctx, line.no, line.raw);
      for (const p of OTHER_PATTERNS) {
        p.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = p.re.exec(line.raw))) {
          if (p.skip?.(line.raw, m.index)) continue;
          ctx.report({
            line: line.no,
            index: m.index,
            length: m[0].length,
            messageId: p.messageId,
            data: { text: p.messageId === 'emptyValue' ? contextText(line.raw, m.index, m[0]) : m[0] },
          });
        }
      }
    }
  },
});
