/** GB 11643-1999 citizen ID numbers: checksum, embedded birth date, masking. Shared with the web. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function isValidDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** null when valid, else the Chinese reason. */
export function idNumberError(id: string): string | null {
  if (!/^\d{17}[\dXx]$/.test(id)) return '身份证号须为 18 位（最后一位可为 X）';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !isValidDate(y, m, d)) return '身份证号中的出生日期无效';
  if (idCheckDigit(id.slice(0, 17)) !== id[17].toUpperCase()) return '身份证号校验位错误（GB 11643）';
  return null;
}

export function idBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** '120223198503021234' → '1202**********1234' */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}
