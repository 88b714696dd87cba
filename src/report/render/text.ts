/** Plain text: the title, then one paragraph per line, then the issuer and the date. */
import { headingText, runsText, type ReportModel } from './model.ts';

export function renderText(model: ReportModel): string {
  const lines = [model.title];
  for (const b of model.blocks) lines.push(b.type === 'heading' ? headingText(b) : runsText(b.runs));
  if (model.signature) lines.push(model.signature.issuer, model.signature.date);
  return lines.join('\n') + '\n';
}
