/** 数据导入: upload .xlsx or .jsonl, dry run first (counts and errors), then 确认导入. */
import { useState } from 'react';
import { Alert, Button, Card, Progress, Result, Select, Space, Steps, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { downloadUrl, errorText, upload } from '../../api.ts';
import { useLedgers } from '../../ledgers.ts';
import { useMe } from '../../auth.tsx';
import { PageTitle } from '../../components/states.tsx';
import { fileSize } from '../../ledger/evidence.tsx';
import type { ImportResult } from '../../types.ts';
import { ImportReport } from './report.tsx';

type Phase = 'idle' | 'checking' | 'checked' | 'importing' | 'done';

export default function ImportPage() {
  const [sp] = useSearchParams();
  const ledgers = useLedgers();
  const me = useMe();
  const qc = useQueryClient();
  const writable = (ledgers.data ?? []).filter((l) => l.can.create);
  const [ledger, setLedger] = useState<string | undefined>(sp.get('ledger') ?? undefined);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const labelOf = (k: string) => ledgers.data?.find((l) => l.key === k)?.label ?? k;

  async function run(dryRun: boolean) {
    if (!file) return;
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress(0);
    setError(null);
    try {
      const r = await upload<ImportResult>('/api/import', [file], { query: { dryRun: dryRun ? 1 : 0, ledger }, onProgress: setProgress });
      setResult(r);
      setPhase(dryRun ? 'checked' : r.ok ? 'done' : 'checked');
      if (!dryRun && r.ok) void qc.invalidateQueries();
    } catch (e) {
      setError(errorText(e));
      setPhase(dryRun ? 'idle' : 'checked');
    }
  }

  function reset() {
    setFile(null);
    setResult(null);
    setError(null);
    setPhase('idle');
  }

  const busy = phase === 'checking' || phase === 'importing';
  const step = phase === 'done' ? 2 : phase === 'checked' || phase === 'importing' ? 1 : 0;
  const canCommit = phase === 'checked' && result?.ok && result.errors.length === 0 && result.total > 0;

  if (phase === 'done' && result) {
    return (
      <>
        <PageTitle title="数据导入" />
        <Card>
          <Result
            status="success"
            title={`已导入 ${result.total} 条记录`}
            subTitle={Object.entries(result.counts)
              .map(([k, n]) => `${labelOf(k)} ${n} 条`)
              .join('，')}
            extra={[
              <Button key="again" type="primary" onClick={reset}>
                继续导入
              </Button>,
              ...Object.keys(result.counts)
                .slice(0, 3)
                .map((k) => (
                  <Link key={k} to={`/ledgers/${k}`}>
                    <Button>查看{labelOf(k)}</Button>
                  </Link>
                )),
            ]}
          />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageTitle title="数据导入" sub={`文件中“所属组织”一栏留空的记录，登记到${me.org.name}`} />
      <Card>
        <Steps size="small" current={step} style={{ marginBottom: 24 }} items={[{ title: '选择文件' }, { title: '预检' }, { title: '确认导入' }]} />
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <span>台账：</span>
            <Select
              style={{ minWidth: 240 }}
              allowClear
              placeholder="自动识别（按 Excel 工作表名称）"
              value={ledger}
              onChange={(v?: string) => setLedger(v)}
              options={writable.map((l) => ({ value: l.key, label: l.label }))}
              showSearch
              optionFilterProp="label"
              disabled={busy}
            />
            {ledger ? (
              <Button icon={<DownloadOutlined />} href={downloadUrl(`/api/ledgers/${ledger}/template`)}>
                下载{labelOf(ledger)}模板
              </Button>
            ) : null}
          </Space>
          <Upload.Dragger
            accept=".xlsx,.jsonl"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              if (!/\.(xlsx|jsonl)$/i.test(f.name)) {
                setError('只支持 Excel（.xlsx）或 JSON Lines（.jsonl）文件；.xls 请先在 Excel 中另存为 .xlsx');
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setResult(null);
              setError(null);
              setPhase('idle');
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? `${file.name}（${fileSize(file.size)}）` : '点击或拖入文件'}</p>
            <p className="ant-upload-hint">
              支持 Excel（.xlsx，按模板填写，可含多个工作表）和 JSON Lines（.jsonl）。先预检，确认无误后再导入；有错误时不会写入任何数据。
            </p>
          </Upload.Dragger>
          {busy ? (
            <div>
              <Progress percent={progress} status="active" />
              <Typography.Text type="secondary">
                {progress < 100 ? '正在上传…' : phase === 'checking' ? '上传完成，正在逐行校验，大文件需要一些时间…' : '正在写入…'}
              </Typography.Text>
            </div>
          ) : null}
          {error ? <Alert type="error" showIcon message={error} /> : null}
          {result ? <ImportReport result={result} labelOf={labelOf} /> : null}
          <Space wrap>
            <Button type={canCommit ? 'default' : 'primary'} disabled={!file || busy} loading={phase === 'checking'} onClick={() => void run(true)}>
              {result ? '重新预检' : '预检（不写入）'}
            </Button>
            <Button type="primary" disabled={!canCommit || busy} loading={phase === 'importing'} onClick={() => void run(false)}>
              确认导入{result?.total ? ` ${result.total} 条` : ''}
            </Button>
            {file && !busy ? (
              <Button type="link" onClick={reset}>
                重新选择文件
              </Button>
            ) : null}
          </Space>
        </Space>
      </Card>
    </>
  );
}
