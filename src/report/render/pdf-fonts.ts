/**
 * Font fallbacks for the PDF conversion (a fontconfig file handed to LibreOffice through
 * FONTCONFIG_FILE). The .docx names the official fonts; a server rarely has them, so each
 * falls back, after the official font itself, to the common Windows names and then to Noto
 * CJK (Debian's fonts-noto-cjk). An installed official font always wins ("accept" appends the
 * fallbacks after the requested family). 小标宋 is a heavy Song: where the title font is not
 * installed (checked with fc-list when the file is written), the title falls back to the bold
 * weight of Noto Serif CJK SC instead.
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

/** The title font, bold in its Noto fallback. */
export const TITLE_FONT = '方正小标宋简体';

export function fontconfigXml(opts: { titleFontInstalled?: boolean } = {}): string {
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
    ...(opts.titleFontInstalled
      ? []
      : [
          `  <match target="pattern"><test name="family"><string>${TITLE_FONT}</string></test>` +
            '<edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit>' +
            '<edit name="weight" mode="assign"><const>bold</const></edit></match>',
        ]),
    '</fontconfig>',
    '',
  ].join('\n');
}
