/** Side panels of the report page: 核查 findings, last quarter beside this one, versions and review. */
import { useState } from 'react';
import { Alert, App, Button, Empty, Input, List, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, downloadUrl, errorText } from '../../api.ts';
import { periodLabel } from '../county/format.ts';
import { STATUS_COLORS, when, type FactSummary, type Finding, type ReportDetail } from './api.ts';
import { usePdfDownload } from './pdf.ts';

const SEVERITY: Record<Finding['severity'], { color: string; label: string }> = {
  error: { color: 'error', label: '错误' },
  warning: { color: 'warning', label: '提醒' },
  info: { color: 'default', label: '提示' },
};

export function Findings({ findings, loading }: { findings: Finding[] | null; loading: boolean }) {
  if (!findings && !loading) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="点击“核查”检查遗留占位符、编号、比率与数量是否一致等" />;
  const errors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {findings ? (
        <Alert
          type={errors ? 'error' : findings.length ? 'warning' : 'success'}
          showIcon
          message={findings.length ? `发现 ${findings.length} 处问题，其中错误 ${errors} 处` : '未发现问题'}
        />
      ) : null}
      <List<Finding>
        loading={loading}
        dataSource={findings ?? []}
        renderItem={(f) => (
          <List.Item style={{ paddingInline: 0, display: 'block' }}>
            <Space size={4} wrap>
              <Tag color={SEVERITY[f.severity].color}>{SEVERITY[f.severity].label}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                第 {f.line} 段{f.column ? `第 ${f.column} 字` : ''}
              </Typography.Text>
            </Space>
            <div style={{ marginTop: 4 }}>{f.message}</div>
            {f.excerpt ? <div style={{ marginTop: 2, color: '#888', fontSize: 12, wordBreak: 'break-all' }}>{f.excerpt}</div> : null}
          </List.Item>
        )}
      />
    </Space>
  );
}

function numberText(f: { value: number | null; text: string } | undefined, unit: string): string {
  if (!f) return '—';
  return f.value === null ? '—' : `${f.text}${unit === '％' ? '％' : ''}`;
}

export function CompareTable({ report }: { report: ReportDetail }) {
  const prev = report.previous;
  const rows = report.facts.map((f) => ({ ...f, before: prev?.facts[f.metric] }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {prev ? `上季度（${periodLabel(prev.period)}）取自已提交的第 ${prev.version} 版，不随台账变化。` : '上季度没有已提交的报告，无法对比。'}
      </Typography.Text>
      <Table<FactSummary & { before?: { value: number | null; text: string } }>
        size="small"
        rowKey="metric"
        pagination={false}
        dataSource={rows}
        scroll={{ y: 520 }}
        columns={[
          { title: '指标', dataIndex: 'label', ellipsis: true },
          { title: '本季度', width: 84, align: 'right', render: (_, r) => numberText(r, r.unit) },
          {
            title: '上季度',
            width: 84,
            align: 'right',
            render: (_, r) => {
              const t = numberText(r.before, r.unit);
              const changed = r.before && r.before.value !== r.value;
              return changed ? <b style={{ color: '#ad6800' }}>{t}</b> : t;
            },
          },
        ]}
      />
    </Space>
  );
}

export function Versions({ report }: { report: ReportDetail }) {
  const pdf = usePdfDownload(report.id);
  if (!report.versions.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未提交" />;
  return (
    <Timeline
      items={report.versions.map((v) => ({
        color: v.reviewStatus === 'accepted' ? 'green' : v.reviewStatus === 'returned' ? 'red' : 'blue',
        children: (
          <div>
            <Space wrap size={4}>
              <b>第 {v.version} 版</b>
              <Tag color={v.reviewStatus ? STATUS_COLORS[v.reviewStatus] : 'processing'}>{v.reviewStatusLabel}</Tag>
            </Space>
            <div style={{ fontSize: 12, color: '#666' }}>
              {when(v.submittedAt)} {v.submittedBy ?? ''} 提交
            </div>
            {v.reviewedAt ? (
              <div style={{ fontSize: 12, color: '#666' }}>
                {when(v.reviewedAt)} {v.reviewedBy ?? ''} 审核
              </div>
            ) : null}
            {v.reviewComment ? <div style={{ marginTop: 4, padding: '4px 8px', background: '#fff1f0', borderRadius: 4 }}>意见：{v.reviewComment}</div> : null}
            <Space size={12} style={{ marginTop: 4 }}>
              <Link to={`/reports/${report.id}?version=${v.version}`}>查看</Link>
              <a href={downloadUrl(`/api/reports/${report.id}/versions/${v.version}/docx`)}>下载 Word</a>
              <Button type="link" size="small" style={{ padding: 0 }} loading={pdf.busy === v.version} onClick={() => void pdf.download(v.version)}>
                下载 PDF
              </Button>
            </Space>
          </div>
        ),
      }))}
    />
  );
}

/** 退回 (with a comment) / 通过 for the county reviewer. */
export function ReviewActions({ report, onDone }: { report: ReportDetail; onDone(): void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const version = report.versions[0]?.version;
  if (!report.can.review || !version) return null;
  async function review(decision: 'return' | 'accept') {
    setBusy(true);
    try {
      await api.post(`/api/reports/${report.id}/versions/${version}/review`, { decision, comment });
      message.success(decision === 'return' ? '已退回，镇里可修改后重新提交' : '已通过');
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button danger icon={<RollbackOutlined />} onClick={() => setOpen(true)}>
        退回
      </Button>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        loading={busy}
        onClick={() =>
          Modal.confirm({ title: `通过${report.org.name}的第 ${version} 版报告？`, okText: '通过', cancelText: '取消', onOk: () => review('accept') })
        }
      >
        通过
      </Button>
      <Modal
        open={open}
        title={`退回第 ${version} 版`}
        okText="退回"
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: busy }}
        cancelText="取消"
        onOk={() => void review('return')}
        onCancel={() => setOpen(false)}
      >
        <Input.TextArea
          autoFocus
          rows={4}
          maxLength={2000}
          showCount
          placeholder="请写明退回原因和修改要求（必填）"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </>
  );
}
