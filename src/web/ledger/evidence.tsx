/** 佐证材料: the files attached to a record — upload with progress, list and download. */
import { useState } from 'react';
import { App, Button, Card, List, Progress, Upload } from 'antd';
import { FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, downloadUrl, errorText, upload } from '../api.ts';
import type { FileInfo } from '../types.ts';

export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const MAX_BYTES = 20 * 1024 * 1024;

export function EvidencePanel({ recordId, canUpload }: { recordId: number; canUpload: boolean }) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const files = useQuery({ queryKey: ['files', recordId], queryFn: () => api.get<FileInfo[]>(`/api/records/${recordId}/files`) });

  async function send(list: File[]) {
    const big = list.find((f) => f.size > MAX_BYTES);
    if (big) {
      message.error(`“${big.name}”超过 20 MB，请压缩后再上传`);
      return;
    }
    setProgress(0);
    try {
      await upload(`/api/records/${recordId}/files`, list, { onProgress: setProgress });
      message.success(`已上传 ${list.length} 个文件`);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setProgress(null);
    }
  }

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['files', recordId] });
    void qc.invalidateQueries({ queryKey: ['record', String(recordId)] });
    void qc.invalidateQueries({ queryKey: ['history', recordId] });
  };

  const remove = (f: FileInfo) =>
    modal.confirm({
      title: `删除“${f.name}”？`,
      content: '删除后不再显示在佐证材料中，操作记入审计日志。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.del(`/api/files/${f.id}`);
          message.success('已删除');
          await refresh();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const uploader = canUpload ? (
    <Upload
      multiple
      showUploadList={false}
      beforeUpload={(file, fileList) => {
        // Called once per file; send the whole batch on the last one.
        if (file === fileList[fileList.length - 1]) void send(fileList as unknown as File[]);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={progress !== null}>
        上传
      </Button>
    </Upload>
  ) : null;

  return (
    <Card
      title={
        <span>
          <PaperClipOutlined /> 佐证材料
        </span>
      }
      size="small"
      extra={uploader}
      style={{ marginTop: 16 }}
    >
      {progress !== null ? <Progress percent={progress} size="small" status="active" format={(p) => (p === 100 ? '处理中' : `${p}%`)} /> : null}
      <List<FileInfo>
        loading={files.isPending}
        dataSource={files.data ?? []}
        locale={{ emptyText: files.error ? errorText(files.error) : canUpload ? '暂无佐证材料，可上传照片、签到表、文书扫描件等' : '暂无佐证材料' }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <a key="dl" href={downloadUrl(`/api/files/${f.id}`)} download={f.name}>
                下载
              </a>,
              ...(canUpload
                ? [
                    <a key="rm" onClick={() => remove(f)} style={{ color: '#cf1322' }}>
                      删除
                    </a>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              avatar={<FileOutlined style={{ fontSize: 20, color: '#888' }} />}
              title={
                <a href={downloadUrl(`/api/files/${f.id}`, { inline: 1 })} target="_blank" rel="noreferrer">
                  {f.name}
                </a>
              }
              description={`${fileSize(f.size)} · ${dayjs(f.uploadedAt).format('YYYY-MM-DD HH:mm')}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
