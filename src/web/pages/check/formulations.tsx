/**
 * 本县规范表述: the county's own formulations and fixed-order lists for the checker, one per
 * line ("五联五创=五联五闯，五连五创" and "三大任务：党建引领、基层治理、产业发展").
 * Shown to everyone; the county reviewer and the administrator may change them (audited).
 */
import { useEffect, useState } from 'react';
import { App, Button, Collapse, Input, Space, Typography } from 'antd';
import { api, errorText } from '../../api.ts';

interface Entry {
  text: string;
  wrong?: string[];
}
interface List {
  name: string;
  items: string[];
}
interface Data {
  county: { code: string; name: string } | null;
  builtIn: { entries: Entry[]; lists: List[] };
  entries: Entry[];
  lists: List[];
  editable: boolean;
}

const split = (s: string): string[] =>
  s
    .split(/[,，、;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function toLines(d: Pick<Data, 'entries' | 'lists'>): { entries: string; lists: string } {
  return {
    entries: d.entries.map((e) => (e.wrong?.length ? `${e.text}=${e.wrong.join('，')}` : e.text)).join('\n'),
    lists: d.lists.map((l) => `${l.name}：${l.items.join('、')}`).join('\n'),
  };
}

export function fromLines(entries: string, lists: string): { entries: Entry[]; lists: List[] } {
  return {
    entries: entries
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [text, wrong] = l.split(/[=＝]/);
        return wrong ? { text: text.trim(), wrong: split(wrong) } : { text: text.trim() };
      }),
    lists: lists
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [name, items] = l.split(/[:：]/);
        return { name: name.trim(), items: split(items ?? '') };
      }),
  };
}

export default function CountyFormulations() {
  const { message } = App.useApp();
  const [data, setData] = useState<Data | null>(null);
  const [entries, setEntries] = useState('');
  const [lists, setLists] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.get<Data>('/api/check/formulations').then(
      (d) => {
        setData(d);
        const t = toLines(d);
        setEntries(t.entries);
        setLists(t.lists);
      },
      (e) => message.error(errorText(e)),
    );
  }, [message]);
  if (!data) return null;
  const save = async () => {
    setBusy(true);
    try {
      await api.put('/api/check/formulations', fromLines(entries, lists));
      message.success('已保存，核查时生效');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Collapse
      style={{ marginTop: 16 }}
      items={[
        {
          key: 'f',
          label: `规范表述${data.county ? `（${data.county.name}）` : ''}：内置 ${data.builtIn.entries.length} 条、固定顺序 ${data.builtIn.lists.length} 组，本县增加 ${data.entries.length} 条、${data.lists.length} 组`,
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                每行一条。表述后可加“=”和常见错误写法（逗号分隔）；固定顺序写作“名称：第一项、第二项、第三项”。
              </Typography.Text>
              <Input.TextArea
                aria-label="本县规范表述"
                rows={4}
                value={entries}
                disabled={!data.editable}
                onChange={(e) => setEntries(e.target.value)}
                placeholder="五联五创=五联五闯"
              />
              <Input.TextArea
                aria-label="本县固定顺序"
                rows={3}
                value={lists}
                disabled={!data.editable}
                onChange={(e) => setLists(e.target.value)}
                placeholder="三大任务：党建引领、基层治理、产业发展"
              />
              {data.editable ? (
                <Button type="primary" loading={busy} onClick={save}>
                  保存本县规范表述
                </Button>
              ) : (
                <Typography.Text type="secondary">由县级审核人员或系统管理员维护。</Typography.Text>
              )}
              <Typography.Text type="secondary">内置：{data.builtIn.entries.map((e) => e.text).join('、')}</Typography.Text>
            </Space>
          ),
        },
      ]}
    />
  );
}
