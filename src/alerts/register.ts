/**
 * Hooks the alert center into the ledger engine: the 影响期 guard before cadre actions are
 * written, and the per-record recomputation after every write. Idempotent; called by the
 * alert routes (server) and the alerts CLI command.
 */
import { registerAfterWrite, registerBeforeWrite } from '../ledger/hooks.ts';
import { influencePeriodGuard } from './guard.ts';
import { recomputeForRecord } from './service.ts';

export function installAlertHooks(): void {
  registerBeforeWrite('cadreAction', 'alerts.influencePeriod', influencePeriodGuard);
  registerAfterWrite('*', 'alerts.recompute', async (c) => {
    if (process.env.LUOSHI_ALERTS_ON_WRITE === '0') return;
    await recomputeForRecord(c.db, c.ledger.key, c.townId, c.recordId);
  });
}
