import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { envScheme, LEGACY_KID, nextKid, schemeOf, type Scheme } from './keys.ts';

/**
 * Which key a database writes with, kept in `settings` (key `crypto.keys`) so every process
 * that opens the database agrees. While a rotation runs, writers already use its target key;
 * the rotation moves what was written before (src/crypto/rotate.ts).
 */
export const STATE_KEY = 'crypto.keys';

export interface Rotation {
  from: string;
  to: string;
  /** Records up to this id are done. */
  cursor: number;
  done: number;
  startedAt: string;
}

export interface KeyState {
  active: string;
  rotation?: Rotation | null;
}

let current: KeyState = { active: nextKid(envScheme()) };
let loadedAt = 0;

/** The key id new ciphertexts and blind indexes are made with in this process. */
export function writeKid(): string {
  return current.rotation?.to ?? current.active;
}

export function writeScheme(): Scheme {
  return schemeOf(writeKid());
}

export function currentState(): KeyState {
  return current;
}

/** Set by the rotation in its own process; other processes see it through refreshKeyState. */
export function setCurrentState(s: KeyState): void {
  current = s;
  loadedAt = Date.now();
}

export async function readKeyState(db: Kysely<Database>): Promise<KeyState | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', STATE_KEY).where('scope_org_id', 'is', null).executeTakeFirst();
  return row ? ((typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as KeyState) : null;
}

export async function writeKeyState(db: Kysely<Database>, s: KeyState, by: number | null = null): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', STATE_KEY).where('scope_org_id', 'is', null).execute();
  await db
    .insertInto('settings')
    .values({ key: STATE_KEY, scope_org_id: null, value: JSON.stringify(s), updated_at: new Date().toISOString(), updated_by: by })
    .execute();
}

/**
 * Load the database's key state when it is opened. A database without one gets it now: a new
 * (empty) one starts on the scheme LUOSHI_CRYPTO asks for; one that already holds ciphertext
 * from before key ids stays on the legacy key until `luoshi keys rotate`.
 */
export async function loadKeyState(db: Kysely<Database>): Promise<KeyState> {
  let s = await readKeyState(db);
  if (!s) {
    const old = await db
      .selectFrom('records')
      .select('id')
      .where(sql<string>`cast(data as text)`, 'like', '%enc:v1:%')
      .limit(1)
      .executeTakeFirst();
    const oldSetting = await db.selectFrom('settings').select('id').where('value', 'like', '%enc:v1:%').limit(1).executeTakeFirst();
    s = { active: old || oldSetting ? LEGACY_KID : nextKid(envScheme()) };
    await writeKeyState(db, s);
  }
  setCurrentState(s);
  return s;
}

/** Re-read the state at most every `ttlMs` (a rotation started by the CLI reaches the server). */
export const STATE_TTL_MS = 5000;
let refreshing: Promise<unknown> | null = null;

export async function refreshKeyState(db: Kysely<Database>): Promise<void> {
  if (Date.now() - loadedAt < STATE_TTL_MS) return;
  refreshing ??= readKeyState(db)
    .then((s) => s && setCurrentState(s))
    .finally(() => (refreshing = null));
  await refreshing;
}

/** A line for the operator when the database's keys are not what the deployment asks for. */
export function keyStateHint(): string | null {
  const active = current.active;
  if (current.rotation) return `提示：密钥轮换（${current.rotation.from} → ${current.rotation.to}）尚未完成，请运行 luoshi keys rotate 完成。`;
  if (active === LEGACY_KID) return '提示：敏感字段仍使用旧的密钥格式（单一密钥），请运行 luoshi keys rotate 轮换为分用途密钥。';
  if (envScheme() === 'sm' && schemeOf(active) !== 'sm')
    return '提示：LUOSHI_CRYPTO=sm，但数据库仍使用 AES：请运行 luoshi keys rotate --to sm 切换为国密算法。';
  return null;
}
