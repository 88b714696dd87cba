/**
 * Content-Disposition with a Chinese file name: an ASCII fallback in `filename` for old
 * clients and the real name in `filename*` (RFC 5987/6266, UTF-8, percent-encoded).
 */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const clean = name.replace(/[\r\n"\\/]/g, '_').trim() || 'file';
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  const asciiBase = clean
    .slice(0, clean.length - ext.length)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/_+/g, '_');
  const fallback = `${asciiBase && /[A-Za-z0-9]/.test(asciiBase) ? asciiBase : 'file'}${ext}`;
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
