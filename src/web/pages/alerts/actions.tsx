/** The acknowledge / assign / resolve / reopen dialog of one alert (the note is audited). */
import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../api.ts';
import type { AlertItem, Assignee } from './types.ts';

export type Action = 'acknowledge' | 'assign' | 'resolve' | 'reopen';
export const ACTION_LABELS: Record<Action, string> = { acknowledge: '确认', assign: '指派', resolve: '办结', reopen: '重新打开' };

export function ActionDialog({ alert, action, onClose }: { alert: AlertItem | null; action: Action | null; onClose(): void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note?: string; assignee?: string }>();
  const [open] = useState(true);
  const assignees = useQuery({
    queryKey: ['alert-assignees'],
    queryFn: () => api.get<Assignee[]>('/api/alerts/assignees'),
    enabled: action === 'assign',
    staleTime: 5 * 60_000,
  });
  const act = useMutation({
    mutationFn: (v: { note?: string; assignee?: string }) => api.post<AlertItem>(`/api/alerts/${alert!.id}/${action}`, v),
    onSuccess: () => {
      message.success(`已${ACTION_LABELS[action!]}`);
      void qc.invalidateQueries({ queryKey: ['alerts'] });
      void qc.invalidateQueries({ queryKey: ['alert-count'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (!alert || !action) return null;
  return (
    <Modal
      open={open}
      title={`${ACTION_LABELS[action]}预警`}
      okText={ACTION_LABELS[action]}
      onCancel={onClose}
      confirmLoading={act.isPending}
      onOk={() => void form.validateFields().then((v) => act.mutate(v))}
      destroyOnHidden
    >
      <p style={{ color: '#555' }}>{alert.message}</p>
      <Form form={form} layout="vertical" initialValues={{ assignee: alert.assignee ?? undefined }}>
        {action === 'assign' ? (
          <Form.Item name="assignee" label="指派给" rules={[{ required: true, message: '请选择指派对象' }]}>
            <Select
              showSearch
              loading={assignees.isPending}
              optionFilterProp="label"
              options={(assignees.data ?? []).map((u) => ({ value: u.username, label: `${u.name}（${u.orgName}）` }))}
              placeholder="选择责任人"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={action === 'resolve' ? '处理说明' : '备注'}
          rules={action === 'resolve' ? [{ required: true, whitespace: true, message: '办结预警须填写处理说明' }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={action === 'resolve' ? '如：已督促整改完成，佐证材料已上传' : '可选'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
