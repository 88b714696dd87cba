/**
 * Protected values at rest: encryption, decryption and the blind index. The formats, keys and
 * the 国密 option live in src/crypto/ (docs/security.md "密钥与国密").
 */
export { blindIndex, decrypt, encrypt, isEncrypted } from '../crypto/cipher.ts';
