/**
 * Font fallbacks for the PDF conversion (a fontconfig file handed to LibreOffice through
 * FONTCONFIG_FILE). The .docx names the official fonts; a server rarely has them, so each
 * falls back, after the official font itself, to the common Windows names and then to Noto
 * CJK (Debian's fonts-noto-cjk). An installed official font always wins ("accept" appends the
 * fallbacks after the requested family). With Noto the title is a regular-weight Song, lighter
 * than 小标宋 (LibreOffice ignores fontconfig's synthetic embolden on a substituted family).
 */

/** Official font → fallbacks in order. */
export const PDF_FONT_FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  仿宋_GB2312: ['仿宋', 'FangSong', 'Noto Serif CJK SC'],
  仿宋: ['FangSong', 'Noto Serif CJK SC'],
  楷体_GB2312: ['楷体', 'KaiTi', 'AR PL UKai CN', 'Noto Serif CJK SC'],
  楷体: ['KaiTi', 'AR PL UKai CN', 'Noto Serif CJK SC'],
  方正小标宋简体: ['方正小标宋_GBK', '小标宋', 'Noto Serif CJK SC'],
  黑体: ['SimHei', 'Noto Sans CJK SC'],
  宋体: ['SimSun', 'Noto Serif CJK SC'],
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function fontconfigXml(): string {
  const aliases = Object.entries(PDF_FONT_FALLBACKS).map(
    ([family, fallbacks]) =>
      `  <alias binding="same"><family>${esc(family)}</family><accept>${fallbacks.map((f) => `<family>${esc(f)}</family>`).join('')}</accept></alias>`,
  );
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...aliases,
    '</fontconfig>',
    '',
  ].join('\n');
}
