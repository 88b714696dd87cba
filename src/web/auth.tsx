/** The signed-in user: GET /api/me, login and logout, and the app-wide 401/403 redirects. */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { ADMIN_ROLES, type Role } from '../shared/roles.ts';
import { api, ApiError, setAuthHandlers, setCsrfToken } from './api.ts';
import type { Me } from './types.ts';

interface AuthState {
  me: Me | null;
  loading: boolean;
  error: unknown;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
  /** Reads business data (not one of the three administrators only). */
  isBusiness: boolean;
}

const AuthContext = createContext<AuthState | null>(null);
export const ME_KEY = ['me'] as const;

/**
 * Set while this browser holds a session, so a signed-out visit goes straight to the login
 * page without a 401 round trip (the session cookie itself is HttpOnly).
 */
const SESSION_FLAG = 'luoshi.session';
const flag = {
  get: () => localStorage.getItem(SESSION_FLAG) === '1',
  set: (on: boolean) => (on ? localStorage.setItem(SESSION_FLAG, '1') : localStorage.removeItem(SESSION_FLAG)),
};

async function fetchMe(): Promise<Me | null> {
  if (!flag.get()) return null;
  try {
    const me = await api.get<Me>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      flag.set(false);
      return null;
    }
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });

  useEffect(() => {
    setAuthHandlers({
      unauthorized: () => {
        flag.set(false);
        qc.setQueryData(ME_KEY, null);
        if (!window.location.pathname.startsWith('/login')) {
          const from = window.location.pathname + window.location.search;
          navigate(`/login?from=${encodeURIComponent(from)}`, { replace: true });
        }
      },
      mustChangePassword: () => {
        if (!window.location.pathname.startsWith('/password')) navigate('/password', { replace: true });
      },
    });
  }, [qc, navigate]);

  const me = meQuery.data ?? null;
  useEffect(() => {
    if (me?.mustChangePassword && location.pathname !== '/password' && location.pathname !== '/login') navigate('/password', { replace: true });
  }, [me, location.pathname, navigate]);

  const value = useMemo<AuthState>(() => {
    const roles = me?.roles ?? [];
    return {
      me,
      loading: meQuery.isPending,
      error: meQuery.error,
      async login(username, password) {
        const m = await api.post<Me>('/api/auth/login', { username, password });
        setCsrfToken(m.csrfToken);
        flag.set(true);
        qc.clear();
        qc.setQueryData(ME_KEY, m);
        return m;
      },
      async logout() {
        try {
          await api.post('/api/auth/logout');
        } finally {
          setCsrfToken('');
          flag.set(false);
          qc.clear();
          qc.setQueryData(ME_KEY, null);
          navigate('/login', { replace: true });
        }
      },
      async refresh() {
        await qc.invalidateQueries({ queryKey: ME_KEY });
      },
      hasRole: (...rs) => rs.some((r) => roles.includes(r)),
      isBusiness: roles.some((r) => !ADMIN_ROLES.includes(r)),
    };
  }, [me, meQuery.isPending, meQuery.error, qc, navigate]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The user, when the page is only reachable signed in. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
