/**
 * Substitutes Word and WPS may use when a font is missing (w:altName). 仿宋_GB2312 and
 * 楷体_GB2312 are not on stock Windows 10+, whose 仿宋 and 楷体 are the usual stand-ins.
 */
export const FONT_FALLBACKS: Readonly<Record<string, string>> = {
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  方正小标宋简体: '宋体',
  方正小标宋_GBK: '宋体',
  小标宋: '宋体',
  仿宋: 'FangSong',
  楷体: 'KaiTi',
  黑体: 'SimHei',
  宋体: 'SimSun',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One w:font entry: GB2312 charset (86) so editors pick a Chinese substitute, not a Latin one. */
export function fontEntry(name: string): string {
  const alt = FONT_FALLBACKS[name];
  const altXml = alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : '';
  return `<w:font w:name="${escapeXml(name)}">${altXml}<w:charset w:val="86"/>` + `<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * word/fontTable.xml listing the fonts the document names, with their substitutes; the docx
 * package writes an empty one. Passed to Packer as an override, so nothing is re-zipped.
 * Fonts are named, never embedded.
 */
export function fontTableXml(fontNames: readonly string[]): string {
  const entries = [...new Set(fontNames)].map(fontEntry).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="${W_NS}">${entries}</w:fonts>`;
}
