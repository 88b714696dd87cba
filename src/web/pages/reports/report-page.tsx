/**
 * One quarterly report: the preview (numbers open their records), the narrative editors, and
 * 核查 / 提交 / 下载 Word / 下载 PDF / 下载文本; for the county reviewer 退回 / 通过 and the version history.
 * A draft is computed live from the ledgers; a submitted version shows what was frozen.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Row, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, FileWordOutlined, FileTextOutlined, SafetyCertificateOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, downloadUrl, errorText } from '../../api.ts';
import { ErrorState, PageLoading, PageTitle } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import { periodLabel } from '../county/format.ts';
import { STATUS_COLORS, reportKey, useReport, type Finding, type ReportDetail } from './api.ts';
import { ReportPreview } from './preview.tsx';
import { NarrativeEditors } from './narrative.tsx';
import { CompareTable, Findings, ReviewActions, Versions } from './panels.tsx';
import { usePdfDownload } from './pdf.ts';

export default function ReportPage({ id }: { id: number }) {
  const [sp] = useSearchParams();
  const asked = Number(sp.get('version'));
  const version = Number.isInteger(asked) && asked > 0 ? asked : null;
  const q = useReport(id, version);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const phone = usePhone();
  const { message, modal } = App.useApp();
  const [tab, setTab] = useState(phone ? 'preview' : 'narrative');
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [busy, setBusy] = useState<'' | 'check' | 'submit' | 'save'>('');
  const pdf = usePdfDownload(id);

  if (q.isPending) return <PageLoading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const r: ReportDetail = q.data;
  const shownVersion = r.view.version;
  const refresh = () => qc.invalidateQueries({ queryKey: ['report', id] });

  async function check(): Promise<Finding[] | null> {
    setBusy('check');
    try {
      const res = await api.get<{ findings: Finding[] }>(`/api/reports/${id}/check`, { version: version ?? undefined });
      setFindings(res.findings);
      setTab('check');
      return res.findings;
    } catch (e) {
      message.error(errorText(e));
      return null;
    } finally {
      setBusy('');
    }
  }

  async function submit() {
    const found = await check();
    const errors = found?.filter((f) => f.severity === 'error').length ?? 0;
    modal.confirm({
      title: `提交${r.org.name}${periodLabel(r.period)}报告？`,
      content: (
        <div>
          {errors ? <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`核查发现 ${errors} 处错误，建议修改后再提交。`} /> : null}
          提交后数字、来源记录、叙述、文本和 Word 文件将冻结为第 {(r.versions[0]?.version ?? 0) + 1}{' '}
          版，之后台账变化不影响已提交内容；县级退回后可修改并重新提交。
        </div>
      ),
      okText: errors ? '仍然提交' : '提交',
      okButtonProps: { danger: errors > 0 },
      cancelText: '取消',
      onOk: async () => {
        setBusy('submit');
        try {
          const res = await api.post<{ version: number }>(`/api/reports/${id}/submit`);
          message.success(`已提交第 ${res.version} 版`);
          await refresh();
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setBusy('');
        }
      },
    });
  }

  async function saveNarrative(patch: Record<string, string | null>) {
    setBusy('save');
    try {
      const d = await api.patch<ReportDetail>(`/api/reports/${id}`, { narrative: patch });
      qc.setQueryData(reportKey(id, null), d);
    } finally {
      setBusy('');
    }
  }

  const fmt = (format: string) => downloadUrl(`/api/reports/${id}/render`, { format, version: shownVersion ?? undefined });
  const returned = r.status === 'returned' ? r.versions.find((v) => v.reviewStatus === 'returned') : undefined;
  const preview = (
    <Card size="small" styles={{ body: { padding: phone ? 12 : 24, overflowX: 'auto' } }}>
      <ReportPreview
        html={r.html}
        source={{ org: r.org.code, period: r.period, ...(shownVersion ? { frozen: { reportId: id, version: shownVersion } } : {}) }}
      />
    </Card>
  );
  const tabs = [
    ...(phone ? [{ key: 'preview', label: '预览', children: preview }] : []),
    { key: 'narrative', label: '叙述段落', children: <NarrativeEditors fields={r.narrative} onSave={saveNarrative} saving={busy === 'save'} /> },
    { key: 'check', label: `核查${findings ? `（${findings.length}）` : ''}`, children: <Findings findings={findings} loading={busy === 'check'} /> },
    { key: 'compare', label: '对比上季度', children: <CompareTable report={r} /> },
    { key: 'versions', label: `版本（${r.versions.length}）`, children: <Versions report={r} /> },
  ];

  return (
    <>
      <PageTitle
        title={
          <Space wrap size={8}>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate('/reports')} />
            <span>
              {r.org.name}
              {periodLabel(r.period)}报告
            </span>
            <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
          </Space>
        }
        sub={
          <span>
            {shownVersion
              ? `第 ${shownVersion} 版（提交时冻结的内容）`
              : r.status === 'returned'
                ? '退回修改中：数字按当前台账实时计算'
                : '草稿：数字按当前台账实时计算'}{' '}
            · 模板：{r.template.name}（第 {r.template.version} 版）
            {version ? (
              <>
                {' '}
                · <Link to={`/reports/${id}`}>返回当前</Link>
              </>
            ) : null}
          </span>
        }
        extra={
          <>
            <Button icon={<SafetyCertificateOutlined />} loading={busy === 'check'} onClick={() => void check()}>
              核查
            </Button>
            {r.can.submit && !version ? (
              <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void submit()}>
                提交
              </Button>
            ) : null}
            <Button icon={<FileWordOutlined />} href={fmt('docx')}>
              下载 Word
            </Button>
            <Button icon={<FilePdfOutlined />} loading={pdf.busy !== null} onClick={() => void pdf.download(shownVersion)}>
              下载 PDF
            </Button>
            <Button icon={<FileTextOutlined />} href={fmt('txt')}>
              下载文本
            </Button>
            {!version ? <ReviewActions report={r} onDone={() => void refresh()} /> : null}
          </>
        }
      />
      {returned ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`县级已退回第 ${returned.version} 版`}
          description={
            <>
              <div>意见：{returned.reviewComment}</div>
              <div>{r.can.edit || r.can.submit ? `修改后可重新提交为第 ${(r.versions[0]?.version ?? 0) + 1} 版。` : '等待镇里修改后重新提交。'}</div>
            </>
          }
        />
      ) : null}
      {r.diagnostics.some((d) => d.severity === 'error') ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="报告模板有错误"
          description={r.diagnostics
            .filter((d) => d.severity === 'error')
            .map((d) => `第${d.line}行第${d.column}列：${d.message}`)
            .join('；')}
        />
      ) : null}
      {phone ? (
        <Tabs activeKey={tab} onChange={setTab} items={tabs} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            {preview}
          </Col>
          <Col xs={24} lg={9}>
            <Card size="small" styles={{ body: { paddingTop: 0 } }}>
              <Tabs activeKey={tab} onChange={setTab} items={tabs} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                提示：点击报告中的红色数字可查看它背后的台账记录。
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
