/** /ledgers/:ledger/new — a new record of any ledger. */
import { App, Card, Result } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useLedger } from '../ledgers.ts';
import { ErrorState, PageLoading, PageTitle } from '../components/states.tsx';
import { RecordForm } from './record-form.tsx';

export default function LedgerNewPage() {
  const { ledger: key } = useParams();
  const { ledger, loading, error } = useLedger(key);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  if (loading) return <PageLoading />;
  if (error) return <ErrorState error={error} />;
  if (!ledger) return <Result status="404" title="台账不存在" subTitle="该台账不存在，或您的账号无权查看。" extra={<Link to="/">返回首页</Link>} />;
  if (!ledger.can.create)
    return (
      <Result
        status="403"
        title="没有新建权限"
        subTitle={`您的账号不能新建${ledger.label}记录。`}
        extra={<Link to={`/ledgers/${ledger.key}`}>返回列表</Link>}
      />
    );
  return (
    <>
      <PageTitle title={`新建${ledger.label}`} sub={<Link to={`/ledgers/${ledger.key}`}>← 返回{ledger.label}列表</Link>} />
      <Card>
        <RecordForm
          ledger={ledger}
          onCancel={() => navigate(-1)}
          onSaved={(r) => {
            message.success('已保存');
            void qc.invalidateQueries({ queryKey: ['records', ledger.key] });
            void qc.invalidateQueries({ queryKey: ['ledger-counts'] });
            navigate(`/records/${r.id}`, { replace: true });
          }}
        />
      </Card>
    </>
  );
}
