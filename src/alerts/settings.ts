/**
 * What the county changes in the alert center (./config.ts holds the values): the rules with
 * their parameters as a principal is shown them, new parameter values, the notification
 * settings and the working-day calendar. Every change is audited with the value before it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getSetting, putSetting } from '../auth/settings.ts';
import { audit, type Actor } from '../audit/log.ts';
import type { Principal } from '../ledger/principal.ts';
import { Invalid } from '../util/errors.ts';
import { alertRules } from './rules/index.ts';
import { visibility } from './access.ts';
import {
  PARAMS_KEY,
  NOTIFY_KEY,
  getNotifySettings,
  loadConfig,
  mergeNotifySettings,
  publicNotifySettings,
  ruleEnabled,
  ruleParams,
  saveParamOverrides,
  type NotifySettings,
  type ParamOverrides,
} from './config.ts';

/** The rules with their parameters and current values: all of them, or (`allRules` false) those whose alerts `p` may see. */
export async function ruleList(db: Kysely<Database>, p: Principal, allRules: boolean) {
  const cfg = await loadConfig(db);
  const v = allRules ? null : await visibility(db, p);
  return alertRules
    .filter((x) => !v || v.rules.includes(x.id))
    .map((x) => ({
      id: x.id,
      title: x.title,
      severity: x.severity,
      source: x.source,
      description: x.description,
      ledgers: x.ledgers,
      disciplineOnly: Boolean(x.disciplineOnly),
      enabled: ruleEnabled(x, cfg.overrides),
      params: Object.entries(x.params).map(([key, p]) => ({ key, ...p, value: ruleParams(x, cfg.overrides)[key] })),
    }));
}

/** New parameter values ({ruleId: {param: value}}, `enabled` 0 switching a rule off), checked against the rules' declarations. */
export async function setRuleParams(db: Kysely<Database>, actor: Actor, by: number, params: ParamOverrides): Promise<void> {
  const known = new Map(alertRules.map((x) => [x.id, x]));
  const clean: ParamOverrides = {};
  for (const [id, ps] of Object.entries(params)) {
    const rule = known.get(id);
    if (!rule) throw new Invalid(`未知的预警规则：${id}`);
    for (const [k, v] of Object.entries(ps)) {
      if (k !== 'enabled' && !(k in rule.params)) throw new Invalid(`规则 ${id} 没有参数 ${k}`);
      if (v < 0) throw new Invalid(`参数不能为负数：${id}.${k}`);
      (clean[id] ??= {})[k] = v;
    }
  }
  const before = (await loadConfig(db)).overrides;
  await saveParamOverrides(db, clean, by);
  await audit(db, actor, { action: 'update', entity: 'setting', entityId: PARAMS_KEY, before, after: clean });
}

/** New notification settings (an empty mail password keeps the stored one); the audit never holds the password. Returns what is stored. */
export async function saveNotifySettings(db: Kysely<Database>, actor: Actor, by: number, next: NotifySettings): Promise<NotifySettings> {
  const before = await getNotifySettings(db);
  const stored = mergeNotifySettings(before, next);
  await putSetting(db, NOTIFY_KEY, stored, by);
  await audit(db, actor, {
    action: 'update',
    entity: 'setting',
    entityId: NOTIFY_KEY,
    before: publicNotifySettings(before),
    after: publicNotifySettings(stored),
  });
  return stored;
}

/** A setting kept as one JSON value (the working-day calendar), replaced whole. */
export async function saveSetting(db: Kysely<Database>, actor: Actor, by: number, key: string, value: unknown): Promise<void> {
  const before = await getSetting(db, key, {});
  await putSetting(db, key, value, by);
  await audit(db, actor, { action: 'update', entity: 'setting', entityId: key, before, after: value });
}
