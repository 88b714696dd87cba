import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * AES-256-GCM for sensitive values at rest. The key comes from LUOSHI_SECRET (any string,
 * hashed to 32 bytes) or a key file generated once outside the database
 * (LUOSHI_KEY_FILE, default ./data/luoshi.key, mode 0600).
 */
let key: Buffer | null = null;

function loadKey(): Buffer {
  if (key) return key;
  const env = process.env.LUOSHI_SECRET;
  if (env) {
    key = crypto.createHash('sha256').update(env).digest();
    return key;
  }
  const file = process.env.LUOSHI_KEY_FILE ?? path.resolve('data/luoshi.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`密钥文件无效：${file}`);
  return key;
}

const PREFIX = 'enc:v1:';

export function encrypt(plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', loadKey(), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function isEncrypted(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(PREFIX);
}

export function decrypt(v: string): string {
  if (!isEncrypted(v)) return v;
  const raw = Buffer.from(v.slice(PREFIX.length), 'base64');
  const d = crypto.createDecipheriv('aes-256-gcm', loadKey(), raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

/**
 * A keyed, one-way blind index of a sensitive value (HMAC-SHA256, truncated): equal values give
 * equal indexes, so encrypted ID numbers can be matched in SQL (duplicates, collision checks)
 * without decrypting them.
 */
export function blindIndex(plain: string): string {
  return crypto.createHmac('sha256', loadKey()).update(`luoshi-idx:${plain.trim().toUpperCase()}`).digest('base64url').slice(0, 22);
}
