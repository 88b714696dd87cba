import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth.tsx';
import { ErrorState, PageLoading } from '../components/states.tsx';

/** Renders its children only for a signed-in user; otherwise goes to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error, refresh } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (error && !me) return <ErrorState error={error} onRetry={() => void refresh()} />;
  if (!me) return <Navigate to={`/login?from=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
