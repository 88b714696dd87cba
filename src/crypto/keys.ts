import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Key material. One master secret (LUOSHI_SECRET, else the key file LUOSHI_KEY_FILE, default
 * ./data/luoshi.key, generated once with mode 0600) and, derived from it with HKDF, a separate
 * key per purpose and key id: `enc` (field encryption), `mac` (encrypt-then-MAC in 国密 mode),
 * `idx` (blind index). See docs/security.md "密钥与国密".
 *
 * Key ids: `a<n>` = AES-256-GCM + HMAC-SHA256 (HKDF-SHA256), `s<n>` = SM4-CBC + HMAC-SM3
 * (HKDF-SM3); n is a generation that `luoshi keys rotate` increments. `v1` is the format before
 * key ids existed (one SHA-256 of the secret for both encryption and index): readable, never
 * written once a database has rotated away from it.
 */
export type Scheme = 'aes' | 'sm';
export type Purpose = 'enc' | 'mac' | 'idx';

export const LEGACY_KID = 'v1';

let master: Buffer | null = null;
let legacy: Buffer | null = null;

function loadMaster(): void {
  if (master) return;
  const env = process.env.LUOSHI_SECRET;
  if (env) {
    master = Buffer.from(env, 'utf8');
    legacy = crypto.createHash('sha256').update(env).digest();
    return;
  }
  const file = process.env.LUOSHI_KEY_FILE ?? path.resolve('data/luoshi.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  const raw = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (raw.length !== 32) throw new Error(`密钥文件无效：${file}`);
  master = raw;
  legacy = raw; // the file's bytes were the key before key ids existed
}

export function schemeOf(kid: string): Scheme {
  return kid.startsWith('s') ? 'sm' : 'aes';
}

export function isKid(s: string): boolean {
  return s === LEGACY_KID || /^[as][1-9][0-9]{0,5}$/.test(s);
}

const cache = new Map<string, Buffer>();

/** The key for one purpose under one key id (cached; derivation is deterministic). */
export function keyFor(kid: string, purpose: Purpose): Buffer {
  const id = `${kid}:${purpose}`;
  const hit = cache.get(id);
  if (hit) return hit;
  loadMaster();
  let key: Buffer;
  if (kid === LEGACY_KID) key = legacy!;
  else if (!isKid(kid)) throw new Error(`未知的密钥标识：${kid}`);
  else {
    const sm = schemeOf(kid) === 'sm';
    const length = sm && purpose === 'enc' ? 16 : 32; // SM4 keys are 128 bits
    key = Buffer.from(crypto.hkdfSync(sm ? 'sm3' : 'sha256', master!, 'luoshi-keys', `luoshi:${purpose}:${kid}`, length));
  }
  cache.set(id, key);
  return key;
}

/** The id of the first key of a scheme, or the next generation after `from`. */
export function nextKid(scheme: Scheme, from?: string): string {
  const gen = from && from !== LEGACY_KID ? Number(from.slice(1)) + 1 : 1;
  return `${scheme === 'sm' ? 's' : 'a'}${gen}`;
}

/** The scheme asked for by the environment (LUOSHI_CRYPTO=sm for 国密), default AES. */
export function envScheme(): Scheme {
  const v = (process.env.LUOSHI_CRYPTO ?? '').trim().toLowerCase();
  return v === 'sm' || v === 'gm' || v === '国密' ? 'sm' : 'aes';
}
