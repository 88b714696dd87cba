import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { blindIndex, decrypt, DecryptError, encrypt, kidOf, randomIv } from '../../src/crypto/cipher.ts';
import { keyFor, LEGACY_KID } from '../../src/crypto/keys.ts';
import { setCurrentState, writeKid } from '../../src/crypto/state.ts';

/** Known-answer tests: the algorithms are proven on this build's OpenSSL, not assumed. */
describe('国密 known answers', () => {
  it('SM3 (GB/T 32905-2016, appendix A)', () => {
    expect(crypto.createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(crypto.createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('SM4 (GB/T 32907-2016, appendix A): one block, and 1 000 000 encryptions', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const ecb = (k: Buffer, block: Buffer) => {
      const c = crypto.createCipheriv('sm4-ecb', k, null);
      c.setAutoPadding(false);
      return Buffer.concat([c.update(block), c.final()]);
    };
    expect(ecb(key, key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    // Example 2 of the standard: the same block encrypted 1 000 000 times with the same key.
    const c = crypto.createCipheriv('sm4-ecb', key, null);
    c.setAutoPadding(false);
    let b: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) b = c.update(b);
    expect(b.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('SM4-CBC, SM4-CTR and HMAC-SM3 are available', () => {
    expect(crypto.getCiphers()).toEqual(expect.arrayContaining(['sm4-cbc', 'sm4-ctr']));
    expect(crypto.getHashes()).toContain('sm3');
  });
});

describe('protected values', () => {
  const saved = writeKid();
  afterEach(() => setCurrentState({ active: saved }));

  it('AES: a key id with each ciphertext; separate keys per purpose', () => {
    setCurrentState({ active: 'a1' });
    const v = encrypt('110101199003071234');
    expect(v).toMatch(/^enc:v2:a1:/);
    expect(kidOf(v)).toBe('a1');
    expect(decrypt(v)).toBe('110101199003071234');
    expect(keyFor('a1', 'enc').equals(keyFor('a1', 'idx'))).toBe(false);
    expect(keyFor('a1', 'enc').equals(keyFor('a2', 'enc'))).toBe(false);
    // The key id is authenticated: relabelling a value fails instead of decrypting under another key.
    expect(() => decrypt(v.replace('enc:v2:a1:', 'enc:v2:a2:'))).toThrow();
  });

  it('国密: SM4-CBC then HMAC-SM3 (encrypt-then-MAC); a flipped bit is refused before decrypting', () => {
    setCurrentState({ active: 's1' });
    const v = encrypt('110101199003071234');
    expect(v).toMatch(/^enc:v2:s1:/);
    expect(decrypt(v)).toBe('110101199003071234');
    expect(keyFor('s1', 'enc')).toHaveLength(16);
    const raw = Buffer.from(v.slice('enc:v2:s1:'.length), 'base64');
    // Decrypting the body by hand with SM4 proves it is SM4, not AES under another label.
    const d = crypto.createDecipheriv('sm4-cbc', keyFor('s1', 'enc'), raw.subarray(0, 16));
    expect(Buffer.concat([d.update(raw.subarray(16, raw.length - 32)), d.final()]).toString()).toBe('110101199003071234');
    raw[20] ^= 1;
    expect(() => decrypt(`enc:v2:s1:${raw.toString('base64')}`)).toThrow(DecryptError);
  });

  it('reads the format from before key ids (enc:v1, one SHA-256 of the secret)', () => {
    const legacyKey = crypto.createHash('sha256').update(process.env.LUOSHI_SECRET!).digest();
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', legacyKey, iv);
    const body = Buffer.concat([c.update('11010119900307123X', 'utf8'), c.final()]);
    const old = `enc:v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    expect(kidOf(old)).toBe(LEGACY_KID);
    expect(decrypt(old)).toBe('11010119900307123X');
    // …and its blind index is the old one, so an unrotated database still matches.
    const oldIdx = crypto.createHmac('sha256', legacyKey).update('luoshi-idx:11010119900307123X').digest('base64url').slice(0, 22);
    expect(blindIndex('11010119900307123x', LEGACY_KID)).toBe(oldIdx);
  });

  it('IVs from the pool: each one fresh, none overwritten when the pool is refilled, distinct in every ciphertext', () => {
    // 1 000 IVs of 12 bytes cross the 4 KiB pool's refill twice.
    const ivs = Array.from({ length: 1000 }, () => randomIv(12));
    const copies = ivs.map((iv) => Buffer.from(iv));
    for (const iv of ivs) expect(iv).toHaveLength(12);
    randomIv(4000); // another refill after them
    expect(ivs.every((iv, i) => iv.equals(copies[i]))).toBe(true);
    expect(new Set(copies.map((c) => c.toString('hex'))).size).toBe(1000);
    for (const kid of ['a1', 's1']) {
      setCurrentState({ active: kid });
      const header = `enc:v2:${kid}:`;
      const ivLength = kid === 'a1' ? 12 : 16;
      const values = Array.from({ length: 600 }, () => encrypt('110101199003071234'));
      const used = values.map((v) => Buffer.from(v.slice(header.length), 'base64').subarray(0, ivLength).toString('hex'));
      expect(new Set(used).size).toBe(600);
      expect(values.every((v) => decrypt(v) === '110101199003071234')).toBe(true);
    }
  });

  it('blind indexes are equal under one key, different across keys and schemes', () => {
    expect(blindIndex('110101199003071234', 'a1')).toBe(blindIndex(' 110101199003071234 ', 'a1'));
    expect(blindIndex('110101199003071234', 'a1')).not.toBe(blindIndex('110101199003071234', 'a2'));
    expect(blindIndex('110101199003071234', 's1')).not.toBe(blindIndex('110101199003071234', 'a1'));
  });
});
