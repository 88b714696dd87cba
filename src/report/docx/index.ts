export type { OfficialDoc, DocBlock, DocRun, DocxOptions, FontMap } from './model.ts';
export { DEFAULT_FONTS } from './model.ts';
export { renderDocx, buildDocument, resolveFonts } from './render.ts';
export { signatureIndents, widthInChars } from './layout.ts';
