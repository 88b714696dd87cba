/**
 * The report model → the OfficialDoc of the GB/T 9704 renderer (src/report/docx), and the
 * .docx bytes. Headings keep their generated numbers; the level (font) follows the number
 * style: 一、 黑体, （一） 楷体, 1. and （1） 仿宋.
 */
import { renderDocx, type DocBlock, type DocxOptions, type OfficialDoc } from '../docx/index.ts';
import { splitTitle } from './title.ts';
import { runsText, type ReportModel } from './model.ts';

export function toOfficialDoc(model: ReportModel): OfficialDoc {
  const blocks: DocBlock[] = model.blocks.map((b) =>
    b.type === 'heading' ? { type: 'heading', level: b.level, text: b.number + runsText(b.runs) } : { type: 'paragraph', runs: [{ text: runsText(b.runs) }] },
  );
  return {
    title: splitTitle(model.title),
    blocks,
    ...(model.signature ? { signature: model.signature } : {}),
  };
}

export function renderReportDocx(model: ReportModel, opts?: DocxOptions): Promise<Buffer> {
  return renderDocx(toOfficialDoc(model), opts);
}

export { splitTitle };
