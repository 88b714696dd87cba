import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Today's common guidance for scrypt (N = 2^17, r = 8, p = 1): 128 MiB and ~100–300 ms per hash. */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Hashes made before 2026-12 (N = 2^14): still verify, and are re-hashed at the next login. */
export const LEGACY_PARAMS: ScryptParams = { N: 16384, r: 8, p: 1 };
/** Refuse stored parameters beyond this (a planted hash must not exhaust memory). */
const MAX_N = 2 ** 20;

/**
 * The parameters new hashes get. Only under Vitest may LUOSHI_TEST_SCRYPT_N lower N (the test
 * suite creates hundreds of accounts; a test about the parameters themselves unsets it).
 */
export function currentParams(): ScryptParams {
  const n = Number(process.env.LUOSHI_TEST_SCRYPT_N);
  if (process.env.VITEST && Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0) return { ...SCRYPT_PARAMS, N: n };
  return SCRYPT_PARAMS;
}

/** scrypt works in 128·N·r bytes; Node's default limit (32 MiB) is below N = 2^17. */
const maxmem = (p: ScryptParams) => 128 * p.N * p.r + 16 * 1024 * 1024;

/**
 * scrypt$N$r$p$salt$hash (base64): the parameters travel with each hash. The async scrypt runs
 * on libuv's thread pool, so a login never blocks the event loop.
 */
export async function hashPassword(password: string, params: ScryptParams = currentParams()): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, 32, { ...params, maxmem: maxmem(params) });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): (ScryptParams & { salt: Buffer; hash: Buffer }) | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return null;
  return { N, r, p, salt: Buffer.from(parts[4], 'base64'), hash: Buffer.from(parts[5], 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h || h.hash.length < 16) return false;
  const params = { N: h.N, r: h.r, p: h.p };
  const key = await scrypt(password, h.salt, h.hash.length, { ...params, maxmem: maxmem(params) });
  return crypto.timingSafeEqual(key, h.hash);
}

/** True when a stored hash is weaker than today's parameters (re-hash at login; never downgrade). */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  const c = currentParams();
  return !h || h.N < c.N || h.r < c.r || h.p < c.p;
}

/**
 * A stored-hash look-alike with today's parameters and a random salt and key: verifying against
 * it costs one scrypt, like a real account, and matches no password. Nothing is hashed to make it
 * (a real hash of a random password cost the first unknown user name a second scrypt).
 */
export function dummyHash(): string {
  const c = currentParams();
  return `scrypt$${c.N}$${c.r}$${c.p}$${crypto.randomBytes(16).toString('base64')}$${crypto.randomBytes(32).toString('base64')}`;
}

export interface PasswordPolicy {
  minLength: number;
  /** How many of the four classes (lower, upper, digit, symbol) are required. */
  minClasses: number;
}

export const DEFAULT_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

/** Returns a Chinese message when the password breaks the policy, else null. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy = DEFAULT_POLICY, username?: string): string | null {
  if (password.length < policy.minLength) return `密码长度至少 ${policy.minLength} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) return `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
