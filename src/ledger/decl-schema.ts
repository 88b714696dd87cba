import { z } from 'zod';
import { BUSINESS_ROLES, LINES, ORG_KINDS, type Role } from '../shared/roles.ts';
import { GUARDS, PROMOTED } from './types.ts';

/**
 * The stored shape of a county's own ledger: the same LedgerDecl as the built-in ones,
 * validated before it is saved. Administrators' roles may never be granted business data.
 */
const key = z.string().regex(/^[a-z][A-Za-z0-9]{1,39}$/, '标识须以小写字母开头，只含字母和数字');
const base = {
  key,
  label: z.string().trim().min(1).max(40),
  required: z.boolean().optional(),
  help: z.string().max(200).optional(),
  default: z.union([z.string().max(100), z.number(), z.boolean()]).optional(),
  sensitive: z.boolean().optional(),
  hiddenInList: z.boolean().optional(),
  listed: z.boolean().optional(),
};
const option = z.object({ value: z.string().min(1).max(60), label: z.string().min(1).max(60) });
const field = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('text'), maxLength: z.number().int().positive().max(2000).optional(), pattern: z.string().max(200).optional() }),
  z.object({ ...base, kind: z.literal('longText'), maxLength: z.number().int().positive().max(50000).optional() }),
  z.object({ ...base, kind: z.literal('int'), min: z.number().int().optional(), max: z.number().int().optional(), unit: z.string().max(10).optional() }),
  z.object({ ...base, kind: z.literal('money'), min: z.number().optional() }),
  z.object({ ...base, kind: z.literal('date') }),
  z.object({ ...base, kind: z.literal('month') }),
  z.object({ ...base, kind: z.literal('bool') }),
  z.object({ ...base, kind: z.literal('enum'), options: z.array(option).min(1).max(200), open: z.boolean().optional() }),
  z.object({ ...base, kind: z.literal('list'), of: z.enum(['text', 'person']).optional(), maxItems: z.number().int().positive().optional() }),
  z.object({ ...base, kind: z.literal('org'), orgKinds: z.array(z.enum(ORG_KINDS)).optional() }),
  z.object({ ...base, kind: z.literal('person') }),
  z.object({ ...base, kind: z.literal('recordRef'), ledger: key }),
  z.object({ ...base, kind: z.literal('files') }),
  z.object({ ...base, kind: z.literal('idNumber') }),
]);
const roles = z.array(z.enum(BUSINESS_ROLES as [Role, ...Role[]])).max(20);
const state = z.object({ label: z.string().min(1).max(20), color: z.string().max(20).optional(), final: z.boolean().optional() });

export const ledgerDeclSchema = z.object({
  key,
  label: z.string().trim().min(1).max(40),
  line: z.enum(LINES),
  sensitive: z.boolean().optional(),
  description: z.string().max(500).optional(),
  fields: z.array(field).min(1).max(80),
  dateField: key,
  kindField: key.optional(),
  statusField: key.optional(),
  titleField: key,
  columns: z.partialRecord(z.enum(PROMOTED), key).optional(),
  workflow: z
    .object({
      initial: z.string().min(1),
      states: z.record(z.string(), state),
      transitions: z.array(
        z.object({
          from: z.union([z.array(z.string()), z.literal('*')]),
          to: z.string(),
          label: z.string().min(1).max(20),
          guards: z.array(z.enum(GUARDS)).optional(),
          roles: roles.optional(),
          fields: z.array(key).optional(),
        }),
      ),
    })
    .optional(),
  deadlines: z
    .array(
      z.object({
        field: key,
        from: z.union([key, z.array(key).min(1).max(4)]),
        days: z.number().int().min(1).max(3650),
        extend: z.object({ when: key, days: key, max: z.number().int().min(1).max(3650) }).optional(),
      }),
    )
    .optional(),
  access: z.object({ read: roles, create: roles, update: roles, transition: roles.optional(), remove: roles, ownOnly: roles.optional() }),
  listColumns: z.array(key).max(20),
  sheet: z.string().max(31).optional(),
  mobile: z.boolean().optional(),
});
