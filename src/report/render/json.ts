/** JSON: the report's text by block and every number with its provenance. */
import { headingText, runsText, type ReportModel } from './model.ts';

export interface ReportJson {
  title: string;
  org: { code: string; name: string };
  period: string;
  date: string;
  template: ReportModel['template'];
  blocks: (
    | { type: 'heading'; level: number; number: string; text: string }
    | { type: 'paragraph'; text: string; narrative?: string; numbers: { metric: string; value: number | null; text: string }[] }
  )[];
  signature: ReportModel['signature'];
  /** metric id, exact value (ratios as fractions), the text as printed, record ids */
  facts: ReportModel['facts'];
}

export function toReportJson(model: ReportModel): ReportJson {
  return {
    title: model.title,
    org: model.org,
    period: model.period,
    date: model.date,
    template: model.template,
    blocks: model.blocks.map((b) =>
      b.type === 'heading'
        ? { type: 'heading', level: b.level, number: b.number, text: headingText(b) }
        : {
            type: 'paragraph',
            text: runsText(b.runs),
            ...(b.narrative ? { narrative: b.narrative } : {}),
            numbers: b.runs.flatMap((r) => (r.type === 'number' ? [{ metric: r.metric, value: r.value, text: r.text }] : [])),
          },
    ),
    signature: model.signature,
    facts: model.facts,
  };
}

export function renderJson(model: ReportModel): string {
  return JSON.stringify(toReportJson(model), null, 2) + '\n';
}
