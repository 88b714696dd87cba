import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const json = pg ? 'jsonb' : 'text';
  const blob = pg ? 'bytea' : 'blob';
  const pk = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('orgs')
    .addColumn('id', id, pk)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('town_id', 'integer')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('orgs_path').on('orgs').column('path').execute();
  await db.schema.createIndex('orgs_parent').on('orgs').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id, pk)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, pk)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('town_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('note', 'text')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('records')
    .addColumn('id', id, pk)
    .addColumn('town_id', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('ledger', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('status', 'text')
    .addColumn('sub', 'text')
    .addColumn('flag', 'integer')
    .addColumn('person', 'text')
    .addColumn('ref_org_id', 'integer')
    .addColumn('date_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('done_on', 'text')
    .addColumn('date2', 'text')
    .addColumn('date3', 'text')
    .addColumn('n1', 'real')
    .addColumn('n2', 'real')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'integer')
    .addColumn('delete_reason', 'text')
    .execute();
  // List pages: one ledger in a town subtree, newest first.
  await db.schema.createIndex('records_town_ledger_date').on('records').columns(['town_id', 'ledger', 'date_on']).execute();
  await db.schema.createIndex('records_ledger_path_date').on('records').columns(['ledger', 'org_path', 'date_on']).execute();
  await db.schema.createIndex('records_org').on('records').column('org_id').execute();
  // Metric scans: (ledger, kind, status, date).
  await db.schema.createIndex('records_ledger_kind').on('records').columns(['town_id', 'ledger', 'kind', 'status', 'date_on']).execute();

  await db.schema
    .createTable('files')
    .addColumn('id', id, pk)
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer')
    .addColumn('town_id', 'integer')
    .addColumn('uploaded_by', 'integer')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('files_record').on('files').column('record_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('id', id, pk)
    .addColumn('scope_org_id', 'integer')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema.createIndex('settings_key').on('settings').columns(['key', 'scope_org_id']).execute();

  await db.schema
    .createTable('ledger_defs')
    .addColumn('id', id, pk)
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('scope_org_id', 'integer')
    .addColumn('decl', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('report_templates')
    .addColumn('id', id, pk)
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('scope_org_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', id, pk)
    .addColumn('town_id', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('template_id', 'integer')
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_org_period').on('reports').columns(['org_id', 'period']).unique().execute();

  await db.schema
    .createTable('report_versions')
    .addColumn('id', id, pk)
    .addColumn('report_id', 'integer', (c) => c.notNull())
    .addColumn('town_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('template_id', 'integer')
    .addColumn('frozen', 'text', (c) => c.notNull())
    .addColumn('docx', blob)
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer')
    .addColumn('review_status', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'integer')
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', id, pk)
    .addColumn('scope_org_id', 'integer')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text', (c) => c.notNull())
    .addColumn('target', 'real', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addColumn('scoring', 'text', (c) => c.notNull())
    .addColumn('veto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', id, pk)
    .addColumn('town_id', 'integer')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer')
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('note', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_town').on('alerts').columns(['town_id', 'status']).execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', id, pk)
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .execute();

  await sql`select 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'login_attempts',
    'alerts',
    'indicators',
    'report_versions',
    'reports',
    'report_templates',
    'ledger_defs',
    'settings',
    'files',
    'records',
    'audit_log',
    'sessions',
    'users',
    'orgs',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
