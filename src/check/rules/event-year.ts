/**
 * @fileoverview Dated events must fit the report's period (calendar in data/events.ts):
 * an event that had not happened by the period's end is an error ("党纪学习教育" in a
 * 2023 report); an event of an earlier year written up as this year's work is a
 * warning ("在北京冬奥会、全国“两会”等重大活动重要节点…" in a 2023 report), unless the
 * sentence is plainly historical ("巩固…成果", "2022年北京冬奥会期间", "以来").
 * Without a known period the rule does nothing.
 *
 * Options: `events` (extra DatedEvent entries, same shape as data/events.ts).
 */
import { defineCheckRule } from '../define.ts';
import { EVENTS, type DatedEvent } from '../data/events.ts';
import { segments } from '../numbers.ts';

const ANTICIPATION = /(?:迎接|喜迎|备战|筹备|即将|将于|服务保障|筹办)[^，。；]{0,6}$/;
const HISTORICAL = /以来|期间的|经验|精神|成果|成功举办|胜利召开|历史|回顾|巩固|拓展|延续|去年|上年|此前|曾经|曾|荣获|被评为|讲话|大会上|常态化长效化|总结/;

function when(e: DatedEvent): string {
  const [y, m] = e.from.split('-');
  return `${y}年${Number(m)}月`;
}

const compiled = new Map<string, RegExp>();
function regex(src: string): RegExp {
  let re = compiled.get(src);
  if (!re) {
    re = new RegExp(src, 'g');
    compiled.set(src, re);
  }
  re.lastIndex = 0;
  return re;
}

export default defineCheckRule<{ events?: DatedEvent[] }>({
  meta: {
    id: 'event-year',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Dated events (冬奥会, 亚运会, 党纪学习教育…) must fit the report period.', recommended: true },
    messages: { notYet: 'event-year.notYet', past: 'event-year.past' },
    messageSeverity: { past: 'warning' },
    defaultOptions: {},
  },
  check(ctx) {
    const p = ctx.period;
    if (!p) return;
    const events = [...EVENTS, ...(ctx.options.events ?? [])].filter((e) => !e.recurring);
    for (const line of ctx.lines) {
      if (!line.text) continue;
      for (const seg of segments(line.raw)) {
        for (const e of events) {
          const seen = new Set<number>();
          for (const src of e.patterns) {
            const re = regex(src);
            let m: RegExpExecArray | null;
            while ((m = re.exec(seg.text))) {
              if (seen.has(m.index)) continue;
              seen.add(m.index);
              const before = seg.text.slice(0, m.index);
              const at = { line: line.no, index: seg.start + m.index, length: m[0].length };
              if (p.end < (e.announced ?? e.from)) {
                if (!ANTICIPATION.test(before)) ctx.report({ ...at, messageId: 'notYet', data: { text: m[0], date: p.end, when: when(e) } });
              } else if (e.stale && e.to < p.yearStart) {
                const explicitYear = /((?:19|20)\d{2})年[^，。；]{0,6}$/.exec(before);
                if (explicitYear && Number(explicitYear[1]) !== p.year) continue;
                if (HISTORICAL.test(seg.text)) continue;
                ctx.report({ ...at, messageId: 'past', data: { text: m[0], when: when(e), year: p.year } });
              }
            }
          }
        }
      }
    }
  },
});
