/**
 * 从往期报告学习模板: paste or upload last quarter's report; every number is marked on the left
 * (green: sure, orange: likely, grey: a guess), and on the right each number's proposed metric
 * with its value now and the next candidates; the user accepts, changes or keeps a number as
 * text. 生成模板 shows the template source, the report it gives now and the checker's findings;
 * 保存 adds it as a new template version. The reader is explained in docs/reader.md.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, List, Row, Select, Space, Steps, Tabs, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, SaveOutlined, ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, errorText, upload } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { PageTitle } from '../../components/states.tsx';
import { PeriodPicker, usePeriod } from '../county/period.tsx';
import { ReportPreview } from './preview.tsx';
import type { TemplateRow } from './api.ts';
import type { ReadOut, NumberOut, LearnedForTown } from '../../../reader/service.ts';

const LEVEL: Record<NumberOut['level'], { color: string; label: string }> = {
  high: { color: 'green', label: '把握大' },
  medium: { color: 'orange', label: '较可能' },
  low: { color: 'default', label: '仅供参考' },
};
const KEEP = '__keep__';

interface Metric {
  id: string;
  label: string;
}

export default function LearnTemplatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const town = me.org.kind === 'town' ? me.org.code : undefined;
  const { period, periods, latest, setPeriod } = usePeriod(town);
  const canSave = me.roles.includes('secretary') && me.org.kind === 'town';
  const [text, setText] = useState('');
  const [read, setRead] = useState<(ReadOut & { fileName?: string }) | null>(null);
  const [choices, setChoices] = useState<Record<string, string | null>>({});
  const [learned, setLearned] = useState<LearnedForTown | null>(null);
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const rows = useRef<Record<string, HTMLDivElement | null>>({});
  const metrics = useQuery({
    queryKey: ['template-metrics', town, period],
    queryFn: () => api.get<{ metrics: Metric[] }>('/api/templates/metrics', { org: town, period }),
    enabled: Boolean(town && period),
  });

  const numbers = useMemo(() => (read?.numbers ?? []).filter((n) => n.kind === 'metric'), [read]);
  const chosen = (n: NumberOut): string | null => (n.key in choices ? choices[n.key] : n.level === 'low' ? null : (n.candidates[0]?.metric ?? null));

  async function run<T>(fn: () => Promise<T>, then: (r: T) => void) {
    setBusy(true);
    try {
      then(await fn());
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const onRead = (r: ReadOut & { text?: string; fileName?: string }) => {
    if (r.text) setText(r.text);
    setRead(r);
    setChoices({});
    setLearned(null);
  };
  const generate = () =>
    run(
      () => api.post<LearnedForTown>('/api/reader/learn', { text, org: town, period, choices: Object.fromEntries(numbers.map((n) => [n.key, chosen(n)])) }),
      (l) => {
        setLearned(l);
        setBody(l.source);
        setName(/name: "(.*)"/.exec(l.source)?.[1] ?? '学习生成的模板');
      },
    );
  const save = () =>
    run(
      () => api.post<TemplateRow>('/api/templates', { key: 'quarterly', name, body }),
      async (saved) => {
        message.success(`已保存为第 ${saved.version} 版，本镇以后的报告将使用这个模板`);
        await qc.invalidateQueries({ queryKey: ['templates'] });
        await qc.invalidateQueries({ queryKey: ['report'] });
      },
    );

  if (!town) return <Alert type="info" showIcon message="请以镇（街道）账号使用：数字要与本镇的台账对应。" />;
  const byLine = new Map<number, NumberOut[]>();
  for (const n of read?.numbers ?? []) byLine.set(n.line, [...(byLine.get(n.line) ?? []), n]);
  const step = learned ? 2 : read ? 1 : 0;

  return (
    <>
      <PageTitle
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate('/reports')} />
            从往期报告学习模板
          </Space>
        }
        sub="保留本镇原有的标题、语句和顺序，把其中的数字换成台账自动计算的指标"
        extra={<PeriodPicker value={period} periods={periods} latest={latest} onChange={setPeriod} />}
      />
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: '提供往期报告' }, { title: '确认每个数字' }, { title: '预览并保存模板' }]}
      />
      {!read && (
        <Card>
          <Tabs
            items={[
              {
                key: 'paste',
                label: '粘贴文本',
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Input.TextArea
                      aria-label="往期报告文本"
                      rows={12}
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      placeholder="把上季度的报告全文粘贴到这里（第一行为标题）"
                    />
                    <Button
                      type="primary"
                      icon={<ExperimentOutlined />}
                      loading={busy}
                      disabled={!text.trim() || !period}
                      onClick={() => run(() => api.post<ReadOut>('/api/reader/read', { text, org: town, period }), onRead)}
                    >
                      识读数字
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
                      void run(
                        () => upload<ReadOut & { text: string; fileName: string }>('/api/reader/file', [file], { query: { org: town, period } }),
                        onRead,
                      );
                      return false;
                    }}
                  >
                    <p className="ant-upload-drag-icon">
                      <UploadOutlined />
                    </p>
                    <p>点击或拖入往期报告：Word（.docx）、文本（.txt）或 Markdown</p>
                  </Upload.Dragger>
                ),
              },
            ]}
          />
        </Card>
      )}
      {read && !learned && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title={`原文${read.fileName ? `：${read.fileName}` : ''}`}
              extra={
                <Button size="small" onClick={() => setRead(null)}>
                  换一份报告
                </Button>
              }
            >
              <div className="ls-check-text" aria-label="标注后的原文">
                {read.lines.map((l, i) => (
                  <div key={i} className="ls-check-line">
                    <span className="ls-check-no">{i + 1}</span>
                    <span>
                      {marked(l, byLine.get(i + 1) ?? [], chosen, (k) => {
                        setSelected(k);
                        rows.current[k]?.scrollIntoView({ behavior: 'smooth', block: 'center' });
                      })}
                    </span>
                  </div>
                ))}
              </div>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title={`${numbers.length} 个数字可对应台账`}
              extra={
                <Button type="primary" loading={busy} onClick={generate}>
                  生成模板
                </Button>
              }
              styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}
            >
              <List
                dataSource={numbers}
                locale={{ emptyText: <Empty description="没有找到可对应台账的数字" /> }}
                renderItem={(n) => {
                  const c = chosen(n);
                  const cand = n.candidates.find((x) => x.metric === c);
                  return (
                    <div
                      ref={(el) => {
                        rows.current[n.key] = el;
                      }}
                      className={selected === n.key ? 'ls-learn-row ls-learn-selected' : 'ls-learn-row'}
                      data-key={n.key}
                    >
                      <Space wrap size={4}>
                        <Typography.Text type="secondary">第 {n.line} 行</Typography.Text>
                        <b>{n.text}</b>
                        <Tag color={LEVEL[n.level].color}>
                          {LEVEL[n.level].label} {Math.round(n.confidence * 100)}％
                        </Tag>
                        {cand ? <Typography.Text type="secondary">本期台账：{cand.printed}</Typography.Text> : null}
                      </Space>
                      <Select
                        aria-label={`第${n.line}行“${n.text}”对应的指标`}
                        size="small"
                        showSearch
                        optionFilterProp="label"
                        style={{ width: '100%', marginTop: 4 }}
                        value={c ?? KEEP}
                        onChange={(v: string) => setChoices({ ...choices, [n.key]: v === KEEP ? null : v })}
                        options={[
                          { value: KEEP, label: '保留原文（不绑定指标）' },
                          ...n.candidates.map((x) => ({ value: x.metric, label: `${x.label}（本期 ${x.printed}）` })),
                          ...(metrics.data?.metrics ?? [])
                            .filter((m) => !n.candidates.some((x) => x.metric === m.id))
                            .map((m) => ({ value: m.id, label: m.label })),
                        ]}
                      />
                      {cand ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          依据：{cand.matched.join('、')}
                        </Typography.Text>
                      ) : null}
                    </div>
                  );
                }}
              />
            </Card>
          </Col>
        </Row>
      )}
      {learned && (
        <Row gutter={16}>
          <Col xs={24} lg={11}>
            <Card
              size="small"
              title="模板正文"
              extra={
                <Button size="small" onClick={() => setLearned(null)}>
                  返回修改对应
                </Button>
              }
            >
              {learned.diagnostics.length ? (
                <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={learned.diagnostics.map((d) => `第${d.line}行：${d.message}`).join('；')} />
              ) : null}
              <Input.TextArea
                aria-label="学习生成的模板"
                value={body}
                onChange={(e) => setBody(e.target.value)}
                autoSize={{ minRows: 16, maxRows: 32 }}
                style={{ fontFamily: 'ui-monospace, "Noto Sans Mono CJK SC", monospace', fontSize: 13 }}
              />
              {canSave ? (
                <Space style={{ marginTop: 8 }} wrap>
                  <Input aria-label="模板名称" style={{ width: 320 }} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={busy}
                    disabled={!name.trim() || learned.diagnostics.some((d) => d.severity === 'error')}
                    onClick={save}
                  >
                    保存为本镇模板
                  </Button>
                  <Button onClick={() => navigate('/reports')}>去编写报告</Button>
                </Space>
              ) : (
                <Alert style={{ marginTop: 8 }} type="info" showIcon message="保存模板需要镇党委书记账号；可复制正文交书记保存。" />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={13}>
            <Card size="small" title={`按本期台账生成的报告：${learned.preview.title}`}>
              <Alert
                type={learned.preview.findings.some((f) => f.severity === 'error') ? 'error' : 'success'}
                showIcon
                style={{ marginBottom: 8 }}
                message={
                  learned.preview.findings.length
                    ? `核查：${learned.preview.findings
                        .map((f) => `第${f.line}行 ${f.message}`)
                        .slice(0, 5)
                        .join('；')}`
                    : '核查未发现问题'
                }
              />
              <ReportPreview html={learned.preview.html} source={{ org: town, period: period ?? '' }} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

/** A line with its numbers marked by confidence; clicking one selects its row on the right. */
function marked(line: string, ns: NumberOut[], chosen: (n: NumberOut) => string | null, pick: (key: string) => void) {
  const out: ReactNode[] = [];
  let last = 0;
  for (const n of [...ns].sort((a, b) => a.index - b.index)) {
    if (n.index < last) continue;
    out.push(line.slice(last, n.index));
    const cls = n.kind === 'nonMetric' ? 'ls-num-none' : chosen(n) ? `ls-num-${n.level}` : 'ls-num-kept';
    out.push(
      <mark
        key={n.key}
        className={`ls-learn-num ${cls}`}
        title={n.kind === 'nonMetric' ? `不是指标：${n.reason}` : (n.candidates[0]?.label ?? '未能对应')}
        onClick={() => n.kind === 'metric' && pick(n.key)}
      >
        {line.slice(n.index, n.index + n.length)}
      </mark>,
    );
    last = n.index + n.length;
  }
  out.push(line.slice(last) || '\u00a0');
  return out;
}
