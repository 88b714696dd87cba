/**
 * 季度报告: /reports lists the reports, /reports/:id opens one (preview, narrative, 核查,
 * 提交, county review), /reports/templates is the template editor, /reports/learn learns a
 * template from a past report.
 */
import { lazy, Suspense } from 'react';
import { useParams } from 'react-router';
import { PageLoading } from '../../components/states.tsx';
import NotFoundPage from '../not-found.tsx';

const ListPage = lazy(() => import('./list.tsx'));
const ReportPage = lazy(() => import('./report-page.tsx'));
const TemplateEditor = lazy(() => import('./template-editor.tsx'));
const LearnTemplatePage = lazy(() => import('./learn.tsx'));

export default function ReportsPage() {
  const { id } = useParams();
  let page;
  if (!id) page = <ListPage />;
  else if (id === 'templates') page = <TemplateEditor />;
  else if (id === 'learn') page = <LearnTemplatePage />;
  else if (/^\d+$/.test(id)) page = <ReportPage id={Number(id)} />;
  else page = <NotFoundPage />;
  return <Suspense fallback={<PageLoading />}>{page}</Suspense>;
}
