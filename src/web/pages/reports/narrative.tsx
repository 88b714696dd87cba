/**
 * The narrative editors beside the preview: 存在问题, 下一步工作计划, special practices and event
 * references. One paragraph a line; numbering (一是…) is generated. A field shows the template's
 * default until someone writes their own; 恢复默认 goes back to it.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { LINE_LABELS, type Line } from '../../../shared/roles.ts';
import { errorText } from '../../api.ts';
import type { NarrativeField } from './api.ts';

const lineLabel = (line: string) => (line === 'general' ? '书记' : (LINE_LABELS[line as Line] ?? line));

export function NarrativeEditors({
  fields,
  onSave,
  saving,
}: {
  fields: NarrativeField[];
  onSave(patch: Record<string, string | null>): Promise<void>;
  saving: boolean;
}) {
  const { message } = App.useApp();
  const initial = useMemo(() => Object.fromEntries(fields.map((f) => [f.key, f.value ?? f.default])), [fields]);
  const [draft, setDraft] = useState<Record<string, string>>(initial);
  useEffect(() => setDraft(initial), [initial]);
  const dirty = fields.filter((f) => f.editable && draft[f.key] !== initial[f.key]);
  const anyEditable = fields.some((f) => f.editable);

  async function save(patch: Record<string, string | null>) {
    try {
      await onSave(patch);
      message.success('已保存，预览已更新');
    } catch (e) {
      message.error(errorText(e));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      {anyEditable ? (
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            每行一段；一是、二是等编号自动生成，不必手写。
          </Typography.Text>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!dirty.length}
            loading={saving}
            onClick={() => void save(Object.fromEntries(dirty.map((f) => [f.key, draft[f.key]])))}
          >
            保存{dirty.length ? `（${dirty.length}）` : ''}
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">当前报告不可编辑（已提交或无权限）。</Typography.Text>
      )}
      {fields.map((f) => (
        <Card
          key={f.key}
          size="small"
          title={
            <Space size={4} wrap>
              <span>{f.label}</span>
              <Tag>{lineLabel(f.line)}</Tag>
              {f.value === null ? <Tag color="blue">模板默认</Tag> : <Tag color="gold">已改写</Tag>}
            </Space>
          }
          extra={
            f.editable && f.value !== null ? (
              <Tooltip title="删除改写，恢复模板默认文字">
                <Button size="small" type="text" icon={<UndoOutlined />} loading={saving} onClick={() => void save({ [f.key]: null })}>
                  恢复默认
                </Button>
              </Tooltip>
            ) : null
          }
          styles={{ body: { padding: 8 } }}
        >
          <Input.TextArea
            aria-label={f.label}
            value={draft[f.key] ?? ''}
            disabled={!f.editable}
            placeholder={f.points ? '每行一条（可留空）' : '可留空'}
            autoSize={{ minRows: f.kind === 'inline' ? 1 : 3, maxRows: 14 }}
            onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
          />
        </Card>
      ))}
    </Space>
  );
}
