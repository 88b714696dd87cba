/** A masked value with a 查看 button: the reveal is audited, and the user is told so first. */
import { useState } from 'react';
import { App, Button, Space, Tag } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api, errorText } from '../api.ts';

export function SensitiveValue({ recordId, field, label, masked }: { recordId: number; field: string; label: string; masked: string }) {
  const { modal, message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reveal = () =>
    modal.confirm({
      title: `查看${label}`,
      content: '这是敏感信息。查看操作将记入审计日志（查看人、时间、记录和字段），请仅在工作需要时查看，不得外传。',
      okText: '确认查看',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const r = await api.post<{ value: unknown }>(`/api/records/${recordId}/reveal`, { field });
          setValue(r.value == null ? '' : String(r.value));
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setBusy(false);
        }
      },
    });

  if (value !== null) {
    return (
      <Space size={6} wrap>
        <span style={{ fontFamily: 'monospace' }}>{value || '（空）'}</span>
        <Tag color="orange">已记入审计</Tag>
        <Button size="small" type="link" onClick={() => setValue(null)}>
          隐藏
        </Button>
      </Space>
    );
  }
  return (
    <Space size={6} wrap>
      <span style={{ fontFamily: 'monospace' }}>{masked}</span>
      <Button size="small" icon={<EyeOutlined />} loading={busy} onClick={reveal}>
        查看
      </Button>
    </Space>
  );
}
