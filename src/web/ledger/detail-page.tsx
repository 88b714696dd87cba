/** /records/:id — one record of any ledger: fields, workflow actions, evidence, history. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Result, Space, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText } from '../api.ts';
import { useLedger } from '../ledgers.ts';
import { kitFor, isMasked } from '../fields/index.tsx';
import { ErrorState, PageLoading, PageTitle } from '../components/states.tsx';
import type { LedgerClientConfig, RecordDetail, TransitionOption } from '../types.ts';
import { StatusTag } from './common.tsx';
import { RecordForm, wideField } from './record-form.tsx';
import { DeleteModal, TransitionModal } from './record-actions.tsx';
import { SensitiveValue } from './sensitive.tsx';
import { EvidencePanel } from './evidence.tsx';
import { HistoryPanel } from './history.tsx';

export default function RecordPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['record', id], queryFn: () => api.get<RecordDetail>(`/api/records/${id}`), enabled: /^\d+$/.test(id) });
  const { ledger, loading, error } = useLedger(q.data?.ledger);
  if (!/^\d+$/.test(id)) return <Result status="404" title="记录不存在" extra={<Link to="/">返回首页</Link>} />;
  if (q.isPending || (q.data && loading)) return <PageLoading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (error) return <ErrorState error={error} />;
  if (!ledger) return <Result status="403" title="无法查看" subTitle="该记录所属的台账不在您的查看范围内。" extra={<Link to="/">返回首页</Link>} />;
  return <RecordView record={q.data} ledger={ledger} />;
}

function RecordView({ record, ledger }: { record: RecordDetail; ledger: LedgerClientConfig }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [transition, setTransition] = useState<TransitionOption | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const deleted = Boolean(record.deletedAt);

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['record', String(record.id)] });
    void qc.invalidateQueries({ queryKey: ['history', record.id] });
    void qc.invalidateQueries({ queryKey: ['records', ledger.key] });
    void qc.invalidateQueries({ queryKey: ['ledger-counts'] });
  };

  async function restore() {
    setRestoring(true);
    try {
      await api.post(`/api/records/${record.id}/restore`);
      message.success('已恢复');
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setRestoring(false);
    }
  }

  const actions = deleted ? (
    record.can.remove || record.can.restore ? (
      <Button icon={<RollbackOutlined />} loading={restoring} onClick={() => void restore()}>
        恢复
      </Button>
    ) : null
  ) : (
    <>
      {record.can.transition
        ? record.transitions.map((t, i) => (
            <Button key={t.to} type={i === 0 ? 'primary' : 'default'} onClick={() => setTransition(t)}>
              {t.label}
            </Button>
          ))
        : null}
      {record.can.update && !editing ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          编辑
        </Button>
      ) : null}
      {record.can.remove ? (
        <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
          删除
        </Button>
      ) : null}
    </>
  );

  const items = ledger.fields.map((f) => {
    const v = record.fields[f.key];
    const { Display } = kitFor(f);
    let content: React.ReactNode;
    if (f.key === ledger.statusField)
      content = <StatusTag ledger={ledger} status={record.status ?? (v as string)} overdue={record.overdue} dueOn={record.dueOn} />;
    else if (isMasked(v)) content = <SensitiveValue recordId={record.id} field={f.key} label={f.label} masked={String(v)} />;
    else content = <Display field={f} value={v} record={record} />;
    return { key: f.key, label: f.label, children: content, span: wideField(f) ? ('filled' as const) : 1 };
  });

  return (
    <>
      <PageTitle
        title={
          <Space wrap size={8}>
            <span>{record.title || `记录 #${record.id}`}</span>
            {record.status ? (
              <StatusTag ledger={ledger} status={record.status} overdue={record.overdue} dueOn={record.dueOn} />
            ) : record.overdue ? (
              <Tag color="red">逾期</Tag>
            ) : null}
            {deleted ? <Tag>已删除</Tag> : null}
          </Space>
        }
        sub={
          <span>
            <Link to={`/ledgers/${ledger.key}`}>{ledger.label}</Link> · {record.orgName} · 登记于 {dayjs(record.createdAt).format('YYYY-MM-DD HH:mm')}
            {record.updatedAt !== record.createdAt ? ` · 更新于 ${dayjs(record.updatedAt).format('YYYY-MM-DD HH:mm')}` : ''}
          </span>
        }
        extra={editing ? undefined : actions}
      />
      {deleted ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="该记录已删除，不计入统计。"
          description={record.deleteReason ? `删除原因：${record.deleteReason}` : undefined}
        />
      ) : null}
      {editing ? (
        <Card title="编辑">
          <RecordForm
            ledger={ledger}
            record={record}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              message.success('已保存');
              setEditing(false);
              void refresh();
            }}
          />
        </Card>
      ) : (
        <Card size="small">
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} items={items} styles={{ label: { width: 130 } }} />
        </Card>
      )}
      <EvidencePanel recordId={record.id} canUpload={record.can.update && !deleted} />
      <HistoryPanel recordId={record.id} ledger={ledger} />
      <TransitionModal
        ledger={ledger}
        record={record}
        transition={transition}
        onClose={() => setTransition(null)}
        onDone={() => {
          message.success(`已${transition?.label ?? '办理'}`);
          setTransition(null);
          void refresh();
        }}
      />
      <DeleteModal
        open={deleting}
        record={record}
        onClose={() => setDeleting(false)}
        onDone={() => {
          message.success('已删除，可在本页恢复');
          setDeleting(false);
          void refresh();
        }}
      />
      <div style={{ marginTop: 16 }}>
        <Button type="link" onClick={() => navigate(`/ledgers/${ledger.key}`)}>
          ← 返回{ledger.label}列表
        </Button>
      </div>
    </>
  );
}
