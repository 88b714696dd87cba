/**
 * 报告核查: paste a report or upload a .docx/.txt/.md and see what a county reviewer would
 * catch — leftover placeholders, numbering, rates against their counts, the congress, other
 * places' names, stray markup — highlighted line by line.
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, List, Row, Select, Space, Tabs, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, FileSearchOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorText, upload } from '../../api.ts';
import { applyToText, downloadDocx, downloadText, type AppliedFix, type Fix } from './fixes.ts';
import CountyFormulations from './formulations.tsx';
import { useCurrentOrg } from '../../org.tsx';
import { PageTitle } from '../../components/states.tsx';
import { EvidenceDrawer, type Target } from '../reports/preview.tsx';
import { toCnNumber } from '../../../shared/cn-number.ts';

interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  excerpt: string;
  line: number;
  column?: number;
  /** Set by ledger-number: the metric the number was compared with. */
  metric?: string;
  fix?: Fix;
}
interface CheckResult {
  text: string;
  /** The quarter whose ledgers the numbers were compared with. */
  period?: string;
  findings: Finding[];
  errors: number;
  warnings: number;
  fileName?: string;
}

const SEVERITY: Record<Finding['severity'], { color: string; label: string }> = {
  error: { color: 'red', label: '错误' },
  warning: { color: 'orange', label: '警告' },
  info: { color: 'blue', label: '提示' },
};

function periods(): { value: string; label: string }[] {
  const out = [{ value: '', label: '从标题识别' }];
  for (let y = new Date().getFullYear(); y >= 2022; y--) for (let q = 4; q >= 1; q--) out.push({ value: `${y}Q${q}`, label: `${y}年${toCnNumber(q)}季度` });
  return out;
}

export default function CheckPage() {
  const { message } = App.useApp();
  const { current, currentOrg } = useCurrentOrg();
  const [text, setText] = useState('');
  const [period, setPeriod] = useState('');
  const [useOrg, setUseOrg] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  /** The uploaded file (kept for the corrected .docx) and the fixes applied since the check. */
  const [file, setFile] = useState<File | null>(null);
  const [applied, setApplied] = useState<AppliedFix[]>([]);
  const lineRefs = useRef<Record<number, HTMLDivElement | null>>({});
  const [evidence, setEvidence] = useState<Target | null>(null);

  const orgParam = useOrg && currentOrg && currentOrg.kind !== 'county' ? current : undefined;
  const run = async (fn: () => Promise<CheckResult>, source: File | null = null) => {
    setBusy(true);
    try {
      const r = await fn();
      setResult(r);
      setFile(source);
      setApplied([]);
      if (r.findings.length === 0) message.success('未发现问题');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  /** One click: apply the finding's fix to the text, remember it (for the .docx), check again. */
  const applyFix = async (f: Finding) => {
    if (!result || !f.fix) return;
    const step = { line: f.line, fix: f.fix };
    const next = applyToText(result.text, step);
    setBusy(true);
    try {
      const r = await api.post<CheckResult>('/api/check', { text: next, org: orgParam, period: period || undefined });
      setResult({ ...r, fileName: result.fileName });
      setApplied([...applied, step]);
      if (!file) setText(next);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const isDocx = !!file && /\.docx$/i.test(file.name);
  const byLine = useMemo(() => {
    const m = new Map<number, Finding[]>();
    for (const f of result?.findings ?? []) m.set(f.line, [...(m.get(f.line) ?? []), f]);
    return m;
  }, [result]);
  const lines = useMemo(() => (result?.text ?? '').split(/\r?\n/), [result]);

  return (
    <div>
      <PageTitle
        title="报告核查"
        sub="上报前检查：遗留占位符（XX）、规范表述、编号错乱、比率与数量矛盾、届次与年份、外地地名、标点和数字用法、残留标记、缺少部分，可一键修正并下载；按本镇核对时，报告中的数字与台账逐一比对"
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>报告期</span>
          <Select style={{ width: 160 }} value={period} onChange={setPeriod} options={periods()} />
          <Select
            style={{ width: 260 }}
            value={useOrg ? 'org' : 'title'}
            onChange={(v) => setUseOrg(v === 'org')}
            options={[
              { value: 'org', label: `按当前组织核对地名：${currentOrg?.name ?? ''}` },
              { value: 'title', label: '从标题识别镇名' },
            ]}
          />
        </Space>
        <Tabs
          items={[
            {
              key: 'paste',
              label: '粘贴文本',
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input.TextArea
                    aria-label="报告文本"
                    rows={10}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder="把报告全文粘贴到这里（第一行为标题）"
                  />
                  <Button
                    type="primary"
                    icon={<FileSearchOutlined />}
                    loading={busy}
                    disabled={!text.trim()}
                    onClick={() => run(() => api.post<CheckResult>('/api/check', { text, org: orgParam, period: period || undefined }))}
                  >
                    开始核查
                  </Button>
                </Space>
              ),
            },
            {
              key: 'file',
              label: '上传文件',
              children: (
                <Upload.Dragger
                  accept=".docx,.txt,.md"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    run(() => upload<CheckResult>('/api/check/file', [file], { query: { org: orgParam, period: period || undefined } }), file);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <UploadOutlined />
                  </p>
                  <p>点击或拖入 Word（.docx）、文本（.txt）或 Markdown 文件</p>
                </Upload.Dragger>
              ),
            },
          ]}
        />
      </Card>
      {result && orgParam && result.period ? (
        <EvidenceDrawer target={evidence} source={{ org: orgParam, period: result.period }} onClose={() => setEvidence(null)} />
      ) : null}
      {result && (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} lg={10}>
            <Card
              title={`发现 ${result.findings.length} 处问题`}
              extra={
                <Space>
                  <Tag color="red">错误 {result.errors}</Tag>
                  <Tag color="orange">警告 {result.warnings}</Tag>
                </Space>
              }
            >
              <Space wrap style={{ marginBottom: 12 }}>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadText(result.text, result.fileName)}>
                  下载修正后的文本（.txt）
                </Button>
                {isDocx && (
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadDocx(file!, applied).catch((e) => message.error(errorText(e)))}>
                    下载修正后的 Word（.docx，保留格式）
                  </Button>
                )}
                {applied.length > 0 && <Typography.Text type="secondary">已修正 {applied.length} 处</Typography.Text>}
              </Space>
              {result.errors === 0 && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={result.findings.length ? '没有错误，可酌情处理警告和提示后上报' : '未发现问题，可以上报'}
                />
              )}
              <List
                size="small"
                dataSource={result.findings}
                locale={{ emptyText: <Empty description="未发现问题" /> }}
                renderItem={(f) => (
                  <List.Item style={{ cursor: 'pointer' }} onClick={() => lineRefs.current[f.line]?.scrollIntoView({ behavior: 'smooth', block: 'center' })}>
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Space wrap>
                        <Tag color={SEVERITY[f.severity].color}>{SEVERITY[f.severity].label}</Tag>
                        <Typography.Text type="secondary">第 {f.line} 行</Typography.Text>
                      </Space>
                      <span>{f.message}</span>
                      {f.metric && orgParam && result.period ? (
                        <a
                          onClick={(e) => {
                            e.stopPropagation();
                            setEvidence({ metric: f.metric!, shown: f.excerpt, label: f.message.replace(/^.*（(.*)）$/, '$1') });
                          }}
                        >
                          查看台账记录
                        </a>
                      ) : null}
                      {f.excerpt && (
                        <Typography.Text type="secondary" ellipsis>
                          “{f.excerpt}”
                        </Typography.Text>
                      )}
                      {f.fix && (
                        <Button
                          size="small"
                          type="link"
                          style={{ padding: 0 }}
                          disabled={busy}
                          onClick={(e) => {
                            e.stopPropagation();
                            void applyFix(f);
                          }}
                        >
                          {f.fix.text ? `一键修正为“${f.fix.text}”` : '一键删除'}
                        </Button>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title={result.fileName ? `原文：${result.fileName}` : '原文'}>
              <div className="ls-check-text">
                {lines.map((l, i) => {
                  const fs = byLine.get(i + 1);
                  const worst = fs?.some((f) => f.severity === 'error') ? 'error' : fs?.some((f) => f.severity === 'warning') ? 'warning' : fs ? 'info' : null;
                  return (
                    <div
                      key={i}
                      ref={(el) => {
                        lineRefs.current[i + 1] = el;
                      }}
                      className={worst ? `ls-check-line ls-check-${worst}` : 'ls-check-line'}
                      title={fs?.map((f) => f.message).join('\n')}
                    >
                      <span className="ls-check-no">{i + 1}</span>
                      <span>{l || '\u00a0'}</span>
                    </div>
                  );
                })}
              </div>
            </Card>
          </Col>
        </Row>
      )}
      <CountyFormulations />
    </div>
  );
}
