import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseJson } from '../db/kysely.ts';
import { forUpdate, isPostgres } from '../db/dialect.ts';
import { audit, type Actor } from '../audit/log.ts';
import { settingsChanged } from '../db/settings-cache.ts';
import { blindIndex, decrypt, encrypt, isEncrypted, kidOf } from './cipher.ts';
import { nextKid, schemeOf, type Scheme } from './keys.ts';
import { readKeyState, setCurrentState, STATE_TTL_MS, writeKeyState, type KeyState } from './state.ts';

/**
 * `luoshi keys rotate`: move every protected value to a new key (or to the other scheme,
 * AES ⇄ 国密) and rebuild the blind indexes. In batches, each batch in one transaction with the
 * progress, so a crash loses at most the batch in flight and the next run resumes where the
 * last commit left off. Writers switch to the new key when the rotation starts; values under
 * the old key stay readable (their key id says which key) until they are moved.
 */
export interface RotateOptions {
  /** Target scheme; default: the current one (a new generation). */
  to?: Scheme;
  batch?: number;
  /** Wait for other processes to pick up the new write key (their state cache lives this long). */
  settleMs?: number;
  onProgress?: (done: number, cursor: number) => void;
}

export interface RotateResult {
  from: string;
  to: string;
  resumed: boolean;
  records: number;
  settings: number;
  ms: number;
}

const dataText = sql<string>`cast(data as text)`;

export async function rotateKeys(db: Kysely<Database>, actor: Actor, opts: RotateOptions = {}): Promise<RotateResult> {
  const started = Date.now();
  const batch = opts.batch ?? 1000;
  let state = (await readKeyState(db)) ?? { active: 'v1' };
  const resumed = !!state.rotation;
  if (state.rotation) {
    if (opts.to && schemeOf(state.rotation.to) !== opts.to) {
      throw new Error(`上次的密钥轮换（${state.rotation.from} → ${state.rotation.to}）尚未完成，请先不带 --to 再次运行 luoshi keys rotate 完成它`);
    }
  } else {
    const to = nextKid(opts.to ?? schemeOf(state.active), state.active);
    state = { active: state.active, rotation: { from: state.active, to, cursor: 0, done: 0, startedAt: new Date().toISOString() } };
    await db.transaction().execute(async (trx) => {
      await writeKeyState(trx, state, actor.id);
      await audit(trx, actor, { action: 'keyRotateStart', entity: 'key', entityId: to, note: `密钥轮换开始：${state.active} → ${to}` });
    });
  }
  setCurrentState(state);
  const rot = state.rotation!;
  await sleep(opts.settleMs ?? STATE_TTL_MS + 1000);

  // Records, in id order from the saved cursor. Only rows holding a ciphertext are read.
  // The batch is read inside its transaction (and locked on PostgreSQL), so a record a user
  // saves meanwhile is never overwritten with what the rotation read before.
  for (let more = true; more;) {
    await db.transaction().execute(async (trx) => {
      const q = trx.selectFrom('records').select(['id', 'data']).where('id', '>', rot.cursor).where(dataText, 'like', '%enc:v%').orderBy('id').limit(batch);
      const rows = await forUpdate(trx, q).execute();
      if (!rows.length) return void (more = false);
      const moved: { id: number; data: string }[] = [];
      for (const r of rows) {
        const data = parseJson<Record<string, unknown>>(r.data);
        if (moveRecord(data, rot.to)) moved.push({ id: r.id, data: JSON.stringify(data) });
      }
      // One statement per batch: update … set data = case id when … then … end.
      if (moved.length) {
        const cases = sql.join(
          moved.map((m) => sql`when ${m.id} then ${isPostgres(trx) ? sql`cast(${m.data} as jsonb)` : m.data}`),
          sql` `,
        );
        await sql`update records set data = case id ${cases} end where id in (${sql.join(moved.map((m) => m.id))})`.execute(trx);
      }
      rot.cursor = rows[rows.length - 1].id;
      rot.done += rows.length;
      await writeKeyState(trx, state, actor.id);
    });
    if (more) opts.onProgress?.(rot.done, rot.cursor);
  }

  // Settings (the SMTP password and any other encrypted value), then the switch, together.
  let settings = 0;
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('settings').select(['id', 'value']).where('value', 'like', '%enc:v%').execute();
    for (const r of rows) {
      const v = moveValue(JSON.parse(r.value), rot.to);
      if (v.changed) {
        settings++;
        await trx
          .updateTable('settings')
          .set({ value: JSON.stringify(v.value) })
          .where('id', '=', r.id)
          .execute();
      }
    }
    const finished: KeyState = { active: rot.to, rotation: null };
    await writeKeyState(trx, finished, actor.id);
    await audit(trx, actor, {
      action: 'keyRotateFinish',
      entity: 'key',
      entityId: rot.to,
      note: `密钥轮换完成：${rot.from} → ${rot.to}，记录 ${rot.done} 条，设置 ${settings} 项`,
    });
    state = finished;
  });
  setCurrentState(state);
  settingsChanged();
  return { from: rot.from, to: rot.to, resumed, records: rot.done, settings, ms: Date.now() - started };
}

/** Re-encrypt the record's protected fields under `kid` and rebuild their blind indexes. */
export function moveRecord(data: Record<string, unknown>, kid: string): boolean {
  let changed = false;
  const derived = (data._derived ?? null) as Record<string, unknown> | null;
  for (const [k, v] of Object.entries(data)) {
    if (!isEncrypted(v)) continue;
    const plain = decrypt(v);
    if (kidOf(v) !== kid) {
      data[k] = encrypt(plain, kid);
      changed = true;
    }
    if (derived && `${k}Hash` in derived) {
      const idx = blindIndex(plain, kid);
      if (derived[`${k}Hash`] !== idx) {
        derived[`${k}Hash`] = idx;
        changed = true;
      }
    }
  }
  return changed;
}

/** Any JSON value: every encrypted string inside re-encrypted under `kid`. */
export function moveValue(v: unknown, kid: string): { value: unknown; changed: boolean } {
  if (isEncrypted(v)) return kidOf(v) === kid ? { value: v, changed: false } : { value: encrypt(decrypt(v), kid), changed: true };
  if (Array.isArray(v)) {
    const parts = v.map((x) => moveValue(x, kid));
    return { value: parts.map((p) => p.value), changed: parts.some((p) => p.changed) };
  }
  if (v && typeof v === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = moveValue(x, kid);
      out[k] = p.value;
      changed ||= p.changed;
    }
    return { value: out, changed };
  }
  return { value: v, changed: false };
}

/** How many protected values each key id holds (for `luoshi keys status` and the tests). */
export async function ciphertextCensus(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const count = (v: unknown) => {
    if (isEncrypted(v)) {
      const k = kidOf(v) ?? '?';
      out[k] = (out[k] ?? 0) + 1;
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) count(x);
  };
  let last = 0;
  for (;;) {
    const rows = await db
      .selectFrom('records')
      .select(['id', 'data'])
      .where('id', '>', last)
      .where(dataText, 'like', '%enc:v%')
      .orderBy('id')
      .limit(5000)
      .execute();
    if (!rows.length) break;
    for (const r of rows) count(parseJson(r.data));
    last = rows[rows.length - 1].id;
  }
  for (const r of await db.selectFrom('settings').select('value').where('value', 'like', '%enc:v%').execute()) count(JSON.parse(r.value));
  return out;
}
