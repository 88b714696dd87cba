/**
 * File type detection by content (magic bytes), never by the name: an .exe renamed to .png is
 * refused. Only evidence-like types are accepted: images, PDF, Office documents, plain text.
 */
export interface Sniffed {
  mime: string;
  /** Short Chinese description for messages and the UI. */
  label: string;
  ext: string;
}

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The kinds accepted, for the rejection message. */
export const ACCEPTED_LABEL = 'JPEG、PNG、GIF、WEBP 图片，PDF，Word/Excel 文档（.docx .xlsx .doc .xls）或纯文本';

function ooxml(b: Buffer): Sniffed | null {
  // An Office Open XML package is a zip whose entries include [Content_Types].xml; the entry
  // names are stored in clear in the local headers and the central directory.
  if (!b.includes('[Content_Types].xml', 0, 'latin1')) return null;
  if (b.includes('word/', 0, 'latin1'))
    return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档', ext: 'docx' };
  if (b.includes('xl/', 0, 'latin1')) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格', ext: 'xlsx' };
  if (b.includes('ppt/', 0, 'latin1'))
    return { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint 演示文稿', ext: 'pptx' };
  return null;
}

function isText(b: Buffer): boolean {
  if (b.length === 0 || b.includes(0)) return false;
  // Control characters other than tab, CR, LF, FF, ESC mark binary data.
  let control = 0;
  for (const x of b.subarray(0, 64 * 1024)) if (x < 0x20 && x !== 9 && x !== 10 && x !== 13 && x !== 12 && x !== 27) control++;
  return control === 0;
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The detected type, or null when the content is not an accepted kind. `name` only picks doc vs xls. */
export function sniff(b: Buffer, name = ''): Sniffed | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', label: 'JPEG 图片', ext: 'jpg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', label: 'PNG 图片', ext: 'png' };
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return { mime: 'image/gif', label: 'GIF 图片', ext: 'gif' };
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return { mime: 'image/webp', label: 'WEBP 图片', ext: 'webp' };
  if (startsWith(b, ascii('%PDF-'))) return { mime: 'application/pdf', label: 'PDF 文档', ext: 'pdf' };
  if (startsWith(b, ZIP)) return ooxml(b);
  if (startsWith(b, OLE)) {
    // Legacy Office (compound file): Word or Excel cannot be told apart cheaply; the name decides.
    return /\.xls$/i.test(name)
      ? { mime: 'application/vnd.ms-excel', label: 'Excel 表格', ext: 'xls' }
      : { mime: 'application/msword', label: 'Word 文档', ext: 'doc' };
  }
  if (isText(b) && !isMarkup(b) && !BINARY_NAME.test(name))
    return { mime: isUtf8(b) ? 'text/plain; charset=utf-8' : 'text/plain', label: '文本文件', ext: 'txt' };
  return null;
}

/** A text file named like an image, PDF or Office file is a disguise, not evidence. */
const BINARY_NAME = /\.(png|jpe?g|gif|webp|bmp|tiff?|pdf|docx?|xlsx?|pptx?|exe|dll|msi|bat|cmd|com|scr|js|html?|svg|xml)$/i;

/**
 * HTML, SVG and other XML documents are active content (scripts, event handlers) in a browser:
 * never accepted as plain text, whatever their name.
 */
function isMarkup(b: Buffer): boolean {
  const head = b
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf|\s)+/, '');
  if (/^<[!?a-z]/i.test(head)) return true;
  return /<(script|svg|html|iframe|object|embed|body|meta|link|form)\b|javascript:/i.test(head);
}
