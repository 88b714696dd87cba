import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Content-addressed blob store on local disk: <root>/ab/cd/<sha256>. The same content is
 * stored once however often it is uploaded; blobs are never deleted by the application (a
 * soft-deleted file keeps its blob, so the audit trail can still show what was attached).
 */
export function filesRoot(): string {
  return path.resolve(process.env.LUOSHI_FILES ?? './data/files');
}

export function sha256Hex(b: Buffer): string {
  return crypto.createHash('sha256').update(b).digest('hex');
}

export function blobPath(sha256: string, root = filesRoot()): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`invalid sha256: ${sha256}`);
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Write the blob unless it exists (write to a temp name, then rename: never a half file). */
export async function putBlob(b: Buffer, root = filesRoot()): Promise<{ sha256: string; size: number }> {
  const sha256 = sha256Hex(b);
  const target = blobPath(sha256, root);
  if (!fs.existsSync(target)) {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    await fs.promises.writeFile(tmp, b, { mode: 0o640 });
    await fs.promises.rename(tmp, target);
  }
  return { sha256, size: b.length };
}

export function hasBlob(sha256: string, root = filesRoot()): boolean {
  return fs.existsSync(blobPath(sha256, root));
}

export function openBlob(sha256: string, root = filesRoot()): fs.ReadStream {
  return fs.createReadStream(blobPath(sha256, root));
}
