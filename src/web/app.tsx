/** Providers (antd in Chinese, react-query, router, auth) and the route table. */
import { lazy, Suspense } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api.ts';
import { AuthProvider } from './auth.tsx';
import { RequireAuth } from './layout/require-auth.tsx';
import { PageLoading } from './components/states.tsx';

const AppLayout = lazy(() => import('./layout/app-layout.tsx'));
const LoginPage = lazy(() => import('./pages/login/index.tsx'));
const PasswordPage = lazy(() => import('./pages/password/index.tsx'));
const HomePage = lazy(() => import('./pages/home/index.tsx'));
const LedgerListPage = lazy(() => import('./ledger/list-page.tsx'));
const LedgerNewPage = lazy(() => import('./ledger/new-page.tsx'));
const RecordPage = lazy(() => import('./ledger/detail-page.tsx'));
const ImportPage = lazy(() => import('./pages/import/index.tsx'));
const ReportsPage = lazy(() => import('./pages/reports/index.tsx'));
const CheckPage = lazy(() => import('./pages/check/index.tsx'));
const AlertsPage = lazy(() => import('./pages/alerts/index.tsx'));
const CompliancePage = lazy(() => import('./pages/compliance/index.tsx'));
const CountyPage = lazy(() => import('./pages/county/index.tsx'));
const OrgsAdminPage = lazy(() => import('./pages/admin/orgs/index.tsx'));
const UsersAdminPage = lazy(() => import('./pages/admin/users/index.tsx'));
const SecurityPage = lazy(() => import('./pages/admin/security/index.tsx'));
const AuditPage = lazy(() => import('./pages/admin/audit/index.tsx'));
const SecurityEventsPage = lazy(() => import('./pages/admin/security-events/index.tsx'));
const NotifyPage = lazy(() => import('./pages/admin/notify/index.tsx'));
const HolidaysPage = lazy(() => import('./pages/admin/holidays/index.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (403, 404, validation) will not get better by retrying.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

const theme = { token: { colorPrimary: '#c0392b', borderRadius: 6 } };

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <Suspense fallback={<PageLoading />}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  <Route
                    path="/password"
                    element={
                      <RequireAuth>
                        <PasswordPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    element={
                      <RequireAuth>
                        <AppLayout />
                      </RequireAuth>
                    }
                  >
                    <Route index element={<HomePage />} />
                    <Route path="ledgers/:ledger" element={<LedgerListPage />} />
                    <Route path="ledgers/:ledger/new" element={<LedgerNewPage />} />
                    <Route path="records/:id" element={<RecordPage />} />
                    <Route path="import" element={<ImportPage />} />
                    <Route path="reports" element={<ReportsPage />} />
                    <Route path="reports/:id" element={<ReportsPage />} />
                    <Route path="check" element={<CheckPage />} />
                    <Route path="alerts" element={<AlertsPage />} />
                    <Route path="compliance" element={<CompliancePage />} />
                    <Route path="county" element={<CountyPage />} />
                    <Route path="admin" element={<Navigate to="/admin/orgs" replace />} />
                    <Route path="admin/orgs" element={<OrgsAdminPage />} />
                    <Route path="admin/users" element={<UsersAdminPage />} />
                    <Route path="admin/security" element={<SecurityPage />} />
                    <Route path="admin/audit" element={<AuditPage />} />
                    <Route path="admin/security-events" element={<SecurityEventsPage />} />
                    <Route path="admin/notify" element={<NotifyPage />} />
                    <Route path="admin/holidays" element={<HolidaysPage />} />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
