/**
 * The template editor: the template text on one side, a live preview for a town and quarter on
 * the other (errors by line:column, click to jump), the metrics and variables it may use (click
 * to insert), earlier versions, and 保存为新版本 (secretary: the town's; county reviewer: the
 * county's). Nothing is ever overwritten.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Row, Select, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { api, errorText } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useCurrentOrg } from '../../org.tsx';
import { ErrorState, PageTitle } from '../../components/states.tsx';
import { usePhone } from '../../components/use-media.ts';
import { PeriodPicker, usePeriod } from '../county/period.tsx';
import { ReportPreview } from './preview.tsx';
import { Vocabulary } from './vocabulary.tsx';
import type { Preview, TemplateInfo, TemplateRow } from './api.ts';

function usePreview(body: string, org: string | undefined, period: string | undefined) {
  const [debounced, setDebounced] = useState(body);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(body), 600);
    return () => clearTimeout(t);
  }, [body]);
  return useQuery({
    queryKey: ['template-preview', debounced, org, period],
    queryFn: () => api.post<Preview>('/api/templates/preview', { body: debounced, org, period }),
    enabled: Boolean(debounced && org && period),
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  });
}

export default function TemplateEditor() {
  const me = useMe();
  const phone = usePhone();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { orgs } = useCurrentOrg();
  const reviewer = me.roles.includes('countyReviewer') && me.org.kind === 'county';
  const canSave = (me.roles.includes('secretary') && me.org.kind === 'town') || reviewer;
  const towns = useMemo(() => orgs.filter((o) => o.kind === 'town'), [orgs]);
  const [town, setTown] = useState<string | undefined>(me.org.kind === 'town' ? me.org.code : undefined);
  const org = town ?? towns[0]?.code;
  const { period, periods, latest, setPeriod } = usePeriod(org);
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [base, setBase] = useState<TemplateRow | null>(null);
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState('preview');
  const area = useRef<TextAreaRef>(null);

  const list = useQuery({ queryKey: ['templates'], queryFn: () => api.get<TemplateInfo[]>('/api/templates') });
  const effective = useQuery({
    queryKey: ['template-effective', org],
    queryFn: () => api.get<TemplateRow>('/api/templates/effective', { org }),
    enabled: Boolean(org) && !base,
  });
  useEffect(() => {
    if (effective.data && !base) load(effective.data);
  }, [effective.data, base]);
  const preview = usePreview(body, org, period);

  function load(t: TemplateRow) {
    setBase(t);
    setBody(t.body);
    setName(t.name);
  }

  async function loadVersion(id: number) {
    try {
      load(await api.get<TemplateRow>(`/api/templates/${id}`));
    } catch (e) {
      message.error(errorText(e));
    }
  }

  /** Selects line:column in the text area. */
  function jump(line: number, column: number) {
    const el = area.current?.resizableTextArea?.textArea;
    if (!el) return;
    const lines = body.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 1);
    el.focus();
    el.setSelectionRange(start, Math.min(start + 1, body.length));
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 3) * lineHeight);
    if (phone) setTab('edit');
  }

  function insert(text: string) {
    const el = area.current?.resizableTextArea?.textArea;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    setBody(body.slice(0, at) + text + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
    if (phone) setTab('edit');
  }

  async function save() {
    setSaving(true);
    try {
      const saved = await api.post<TemplateRow>('/api/templates', { key: base?.key ?? 'quarterly', name, body });
      message.success(`已保存为第 ${saved.version} 版（${saved.scope?.name ?? '全局'}）`);
      setBase(saved);
      await qc.invalidateQueries({ queryKey: ['templates'] });
      await qc.invalidateQueries({ queryKey: ['report'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  const diags = preview.data?.diagnostics ?? [];
  const errors = diags.filter((d) => d.severity === 'error');
  const editor = (
    <Input.TextArea
      ref={area}
      aria-label="模板正文"
      value={body}
      onChange={(e) => setBody(e.target.value)}
      spellCheck={false}
      style={{ fontFamily: 'ui-monospace, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace', fontSize: 13, lineHeight: '20px' }}
      autoSize={{ minRows: 24, maxRows: phone ? 30 : 40 }}
    />
  );
  const diagList = diags.length ? (
    <Alert
      type={errors.length ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 8 }}
      message={errors.length ? `模板有 ${errors.length} 处错误` : `${diags.length} 条提示`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
          {diags.map((d, i) => (
            <li key={i}>
              <a onClick={() => jump(d.line, d.column)}>
                第{d.line}行第{d.column}列
              </a>
              ：{d.message}
            </li>
          ))}
        </ul>
      }
    />
  ) : null;
  const previewPane = (
    <div>
      {diagList}
      {preview.error ? <ErrorState error={preview.error} /> : null}
      {preview.data && org && period ? (
        <ReportPreview html={preview.data.html} source={{ org, period }} />
      ) : (
        <Typography.Text type="secondary">{preview.isFetching ? '正在生成预览…' : '选择镇和季度后显示预览'}</Typography.Text>
      )}
    </div>
  );
  const vocab = org && period ? <Vocabulary org={org} period={period} onInsert={insert} /> : null;

  return (
    <>
      <PageTitle
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate('/reports')} />
            报告模板
          </Space>
        }
        sub="标题编号（一、1.）和段落编号（一是、第一，）自动生成；{{指标}} 取台账数字，{% if %} 按数字选择措辞。"
        extra={
          <>
            <Select
              aria-label="历史版本"
              style={{ minWidth: 200 }}
              placeholder="历史版本"
              value={base?.id}
              loading={list.isPending}
              onChange={(id: number) => void loadVersion(id)}
              options={(list.data ?? []).map((t) => ({ value: t.id, label: `第${t.version}版 · ${t.scope?.name ?? '内置'} · ${t.name}` }))}
            />
            {reviewer ? (
              <Select
                aria-label="预览镇"
                style={{ minWidth: 120 }}
                value={org}
                onChange={setTown}
                options={towns.map((t) => ({ value: t.code, label: t.name }))}
              />
            ) : null}
            <PeriodPicker value={period} periods={periods} latest={latest} onChange={setPeriod} />
          </>
        }
      />
      {canSave ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap style={{ width: '100%' }}>
            <Input
              aria-label="模板名称"
              style={{ width: phone ? '100%' : 360 }}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="模板名称"
              maxLength={100}
            />
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={saving}
              disabled={!name.trim() || !body.trim() || errors.length > 0}
              onClick={() => void save()}
            >
              保存为新版本（{reviewer ? '全县' : '本镇'}）
            </Button>
            {errors.length ? <Typography.Text type="danger">请先改正模板错误</Typography.Text> : null}
          </Space>
        </Card>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="可以编辑并预览；保存新版本需要镇党委书记（本镇）或县级审核人员（全县）。" />
      )}
      {phone ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'edit', label: '编辑', children: editor },
            { key: 'preview', label: `预览${errors.length ? `（${errors.length} 错）` : ''}`, children: previewPane },
            { key: 'vocab', label: '可用指标', children: vocab },
          ]}
        />
      ) : (
        <Row gutter={16}>
          <Col span={11}>
            <Card size="small" title="模板正文" styles={{ body: { padding: 8 } }}>
              {editor}
            </Card>
          </Col>
          <Col span={13}>
            <Card size="small" styles={{ body: { paddingTop: 0 } }}>
              <Tabs
                items={[
                  { key: 'preview', label: `实时预览${errors.length ? `（${errors.length} 处错误）` : ''}`, children: previewPane },
                  { key: 'vocab', label: '可用指标与变量', children: vocab },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
