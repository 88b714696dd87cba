import crypto from 'node:crypto';
import { keyFor, isKid, LEGACY_KID, schemeOf } from './keys.ts';
import { writeKid } from './state.ts';

/**
 * Protected values at rest (ID numbers, the SMTP password). Formats:
 *
 *   enc:v1:<base64(iv12 | tag16 | ct)>            AES-256-GCM, legacy key (read only)
 *   enc:v2:a<n>:<base64(iv12 | tag16 | ct)>       AES-256-GCM, AAD = "enc:v2:a<n>:"
 *   enc:v2:s<n>:<base64(iv16 | ct | mac32)>       SM4-CBC, then HMAC-SM3 over header | iv | ct
 *
 * The key id in the value says which key decrypts it, so values under an old key stay readable
 * while a rotation moves them (src/crypto/rotate.ts).
 */
const V1 = 'enc:v1:';
const V2 = 'enc:v2:';

export function isEncrypted(v: unknown): v is string {
  return typeof v === 'string' && (v.startsWith(V1) || v.startsWith(V2));
}

/** The key id a value was encrypted with, or null for plain text. */
export function kidOf(v: string): string | null {
  if (v.startsWith(V1)) return LEGACY_KID;
  if (!v.startsWith(V2)) return null;
  const kid = v.slice(V2.length, v.indexOf(':', V2.length));
  return isKid(kid) ? kid : null;
}

/**
 * Fresh random bytes for an IV, taken from a pool that one call to the system's CSPRNG fills
 * (4 KiB, a few hundred IVs): an import encrypts tens of thousands of ID numbers, and a call
 * per IV cost more than the encryption's own setup. Every byte is handed out once, never reused;
 * a spent pool is replaced by a new buffer, so an IV already handed out is never overwritten.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;
export function randomIv(n: number): Buffer {
  if (poolAt + n > pool.length) {
    pool = crypto.randomFillSync(Buffer.allocUnsafeSlow(POOL_SIZE));
    poolAt = 0;
  }
  const iv = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return iv;
}

export function encrypt(plain: string, kid: string = writeKid()): string {
  if (kid === LEGACY_KID) return V1 + aesGcm(keyFor(kid, 'enc'), plain, null);
  const header = `${V2}${kid}:`;
  if (schemeOf(kid) === 'aes') return header + aesGcm(keyFor(kid, 'enc'), plain, Buffer.from(header));
  const iv = randomIv(16);
  const c = crypto.createCipheriv('sm4-cbc', keyFor(kid, 'enc'), iv);
  const body = Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
  const mac = crypto.createHmac('sm3', keyFor(kid, 'mac')).update(header).update(body).digest();
  return header + Buffer.concat([body, mac]).toString('base64');
}

function aesGcm(key: Buffer, plain: string, aad: Buffer | null): string {
  const iv = randomIv(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  if (aad) c.setAAD(aad);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export class DecryptError extends Error {}

/** Plain text for an encrypted value (a value that is not encrypted is returned as is). */
export function decrypt(v: string): string {
  const kid = kidOf(v);
  if (!kid) {
    if (isEncrypted(v)) throw new DecryptError('密文格式无法识别');
    return v;
  }
  const header = kid === LEGACY_KID ? V1 : `${V2}${kid}:`;
  const raw = Buffer.from(v.slice(header.length), 'base64');
  if (schemeOf(kid) === 'aes') {
    const d = crypto.createDecipheriv('aes-256-gcm', keyFor(kid, 'enc'), raw.subarray(0, 12));
    if (kid !== LEGACY_KID) d.setAAD(Buffer.from(header));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }
  if (raw.length < 16 + 16 + 32) throw new DecryptError('密文长度不正确');
  const body = raw.subarray(0, raw.length - 32);
  const mac = crypto.createHmac('sm3', keyFor(kid, 'mac')).update(header).update(body).digest();
  if (!crypto.timingSafeEqual(mac, raw.subarray(raw.length - 32))) throw new DecryptError('密文完整性校验失败（HMAC-SM3）');
  const d = crypto.createDecipheriv('sm4-cbc', keyFor(kid, 'enc'), body.subarray(0, 16));
  return Buffer.concat([d.update(body.subarray(16)), d.final()]).toString('utf8');
}

/**
 * A keyed, one-way blind index of a sensitive value (HMAC-SHA256 or HMAC-SM3 with the `idx`
 * key, truncated): equal values give equal indexes, so encrypted ID numbers can be matched in
 * SQL (duplicates, collision checks) without decrypting them. Comparable only under one key id:
 * a rotation rebuilds every index.
 */
export function blindIndex(plain: string, kid: string = writeKid()): string {
  const alg = schemeOf(kid) === 'sm' ? 'sm3' : 'sha256';
  return crypto.createHmac(alg, keyFor(kid, 'idx')).update(`luoshi-idx:${plain.trim().toUpperCase()}`).digest('base64url').slice(0, 22);
}
