/** One entry point for every output format of a report model. */
import type { DocxOptions } from '../docx/index.ts';
import type { ReportModel } from './model.ts';
import { renderReportDocx } from './official.ts';
import { renderHtmlPage } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';
import { renderJson } from './json.ts';
import { docxToPdf } from './pdf.ts';

export const REPORT_FORMATS = ['docx', 'pdf', 'html', 'md', 'txt', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The bytes of a report in a format; 'pdf' needs LibreOffice (PdfUnavailableError when absent). */
export async function renderReport(model: ReportModel, format: ReportFormat, docx?: DocxOptions): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return renderReportDocx(model, docx);
    case 'pdf':
      return docxToPdf(await renderReportDocx(model, docx));
    case 'html':
      return Buffer.from(renderHtmlPage(model), 'utf8');
    case 'md':
      return Buffer.from(renderMarkdown(model), 'utf8');
    case 'txt':
      return Buffer.from(renderText(model), 'utf8');
    case 'json':
      return Buffer.from(renderJson(model), 'utf8');
  }
}

export type { ReportModel, ModelBlock, Run, Fact } from './model.ts';
export { renderText } from './text.ts';
export { renderMarkdown } from './markdown.ts';
export { renderJson, toReportJson } from './json.ts';
export { renderHtmlFragment, renderHtmlPage, escapeHtml } from './html.ts';
export { REPORT_CSS } from '../../shared/report-css.ts';
export { toOfficialDoc, renderReportDocx, splitTitle } from './official.ts';
export { docxToPdf, findSoffice, PdfConversionError, PdfUnavailableError, PDF_UNAVAILABLE_MESSAGE } from './pdf.ts';
