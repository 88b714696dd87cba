import type { Migration } from 'kysely';
import * as m0000 from './2026-11-27T0000_initial.ts';
import * as m0100 from './2026-11-28T0100_alert_workflow.ts';
import * as m0200 from './2026-11-28T0200_indicator_options.ts';
import * as m0310 from './2026-11-28T0310_alert_indexes.ts';
import * as m0400 from './2026-11-28T0400_member_complete_flag.ts';
import * as m0410 from './2026-11-28T0410_list_indexes.ts';
import * as m0420 from './2026-11-28T0420_user_email.ts';
import * as m1203_0700 from './2026-12-03T0700_digest_runs.ts';
import * as m1203_0740 from './2026-12-03T0740_audit_hash_alg.ts';
import * as m1203_1100 from './2026-12-03T1100_shared_limits.ts';
import * as m1203_1400 from './2026-12-03T1400_metric_snapshots.ts';
import * as m1203_1500 from './2026-12-03T1500_drop_unused_record_index.ts';
import * as m1204_0100 from './2026-12-04T0100_ledger_versions.ts';
import * as m1204_1400 from './2026-12-04T1400_overdue_counts.ts';
import * as m1204_1800 from './2026-12-04T1800_alert_record_columns.ts';

/** Every migration, in name order. Add a new file and one line here; never edit an old one. */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0000_initial': m0000,
  '2026-11-28T0100_alert_workflow': m0100,
  '2026-11-28T0200_indicator_options': m0200,
  '2026-11-28T0310_alert_indexes': m0310,
  '2026-11-28T0400_member_complete_flag': m0400,
  '2026-11-28T0410_list_indexes': m0410,
  '2026-11-28T0420_user_email': m0420,
  '2026-12-03T0700_digest_runs': m1203_0700,
  '2026-12-03T0740_audit_hash_alg': m1203_0740,
  '2026-12-03T1100_shared_limits': m1203_1100,
  '2026-12-03T1400_metric_snapshots': m1203_1400,
  '2026-12-03T1500_drop_unused_record_index': m1203_1500,
  '2026-12-04T0100_ledger_versions': m1204_0100,
  '2026-12-04T1400_overdue_counts': m1204_1400,
  '2026-12-04T1800_alert_record_columns': m1204_1800,
};
