/** The ledgers the user may read (GET /api/ledgers), shared by the menu and the ledger pages. */
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { useAuth } from './auth.tsx';
import type { LedgerClientConfig } from './types.ts';

export function useLedgers() {
  const { me, isBusiness } = useAuth();
  return useQuery({
    queryKey: ['ledgers', me?.username],
    queryFn: () => api.get<LedgerClientConfig[]>('/api/ledgers'),
    enabled: Boolean(me) && isBusiness,
    staleTime: 10 * 60_000,
  });
}

export function useLedger(key: string | undefined): { ledger: LedgerClientConfig | undefined; loading: boolean; error: unknown } {
  const q = useLedgers();
  return { ledger: q.data?.find((l) => l.key === key), loading: q.isPending && q.fetchStatus !== 'idle', error: q.error };
}
