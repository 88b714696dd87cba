/** Spreadsheet formula injection: text starting with = + - @ tab or CR gets a leading quote. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The reverse of safeText for cells read back from an exported workbook. */
export function unquote(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/**
 * One CSV cell: the same formula-injection guard as the .xlsx exports (safeText: a leading
 * = + - @ tab or carriage return gets a quote), then RFC 4180 quoting.
 */
export function csvCell(v: string | number | null | undefined): string {
  const safe = typeof v === 'number' ? String(v) : safeText(v ?? '');
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows → CSV with a UTF-8 BOM and CRLF line ends (opens in Excel). */
export function csvFile(rows: (string | number | null | undefined)[][]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
}
