/**
 * Hooks the alert center into the ledger engine's write path: the 影响期 guard on cadre
 * actions, and after every committed write the recomputation of what it can change — the
 * record's own for a single write, each affected town once for an import — and the upkeep of
 * the written towns' metric snapshots (src/metrics/snapshots.ts; in the background worker
 * beside the alerts' town jobs). Idempotent; called by the alert routes (server) and the alerts
 * and import CLI commands.
 */
import { registerAfterWrite, registerWriteGuard } from '../ledger/hooks.ts';
import { influencePeriodGuard } from './guard.ts';
import { recomputeForRecord, recomputeTowns } from './service.ts';
import { upkeepAfterWrite } from '../metrics/snapshots.ts';

export function installAlertHooks(): void {
  registerWriteGuard('cadreAction', 'alerts.influencePeriod', influencePeriodGuard);
  registerAfterWrite('*', 'alerts.recompute', async (c) => {
    if (process.env.LUOSHI_ALERTS_ON_WRITE === '0') return;
    if (c.writes.length === 1) {
      const w = c.writes[0];
      await recomputeForRecord(c.db, w.ledger, w.townId, w.recordId, undefined, w.townOrgs);
      return;
    }
    await recomputeTowns(
      c.db,
      c.writes.map((w) => w.townId),
    );
  });
  registerAfterWrite('*', 'metrics.snapshots', (c) => upkeepAfterWrite(c.db, c.writes));
}
