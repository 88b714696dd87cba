/** What the security administrator (安全管理员) watches: failed logins, lockouts, key operations, the key state. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { formatDateTime } from '../shared/today.ts';
import { readKeyState } from '../crypto/state.ts';
import { schemeOf } from '../crypto/keys.ts';

export const SECURITY_EVENTS = {
  loginFailed: ['loginFailed'],
  lock: ['lock'],
  keys: ['keyRotateStart', 'keyRotateFinish', 'rehashPassword'],
} as const;
const ALL_EVENTS = Object.values(SECURITY_EVENTS).flat();

/** A page of the events (newest first), the accounts locked now and the encryption keys' state. */
export async function securityEvents(
  db: Kysely<Database>,
  { kind, page = 1, pageSize = 50 }: { kind?: keyof typeof SECURITY_EVENTS; page?: number; pageSize?: number },
) {
  const actions: string[] = kind ? [...SECURITY_EVENTS[kind]] : ALL_EVENTS;
  const q = db.selectFrom('audit_log').where('action', 'in', actions);
  const [total, items, locked, keys] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q
      .select(['id', 'at', 'actor', 'action', 'entity_id', 'note', 'ip'])
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('users')
      .select(['username', 'name', 'locked_until'])
      .where('locked_until', '>', new Date().toISOString())
      .orderBy('locked_until', 'desc')
      .execute(),
    readKeyState(db),
  ]);
  return {
    total: Number(total?.n ?? 0),
    items: items.map((i) => ({ id: i.id, at: formatDateTime(new Date(i.at)), actor: i.actor, action: i.action, target: i.entity_id, note: i.note, ip: i.ip })),
    locked: locked.map((l) => ({ username: l.username, name: l.name, lockedUntil: formatDateTime(new Date(l.locked_until!)) })),
    keys: keys && { active: keys.active, scheme: schemeOf(keys.active), rotation: keys.rotation ?? null },
  };
}
