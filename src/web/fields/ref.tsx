/** org, recordRef and files: values that point at something else. */
import { useMemo, useState } from 'react';
import { Select, TreeSelect } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { orgTree, useCurrentOrg } from '../org.tsx';
import type { Page, RecordDetail, RecordItem } from '../types.ts';
import type { CellProps, FieldKit, FieldOf, InputProps } from './types.ts';
import { EMPTY, isBlank } from './types.ts';

function OrgName({ value }: { value: unknown }) {
  const { byCode } = useCurrentOrg();
  if (isBlank(value)) return <>{EMPTY}</>;
  return <>{byCode.get(String(value))?.name ?? String(value)}</>;
}

function OrgInput({ field, value, onChange, id, disabled }: InputProps<FieldOf<'org'>>) {
  const { orgs, current } = useCurrentOrg();
  const tree = useMemo(() => orgTree(orgs, field.orgKinds), [orgs, field.orgKinds]);
  return (
    <TreeSelect
      id={id}
      disabled={disabled}
      value={isBlank(value) ? undefined : String(value)}
      treeData={tree}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={[current]}
      allowClear
      placeholder="请选择组织"
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
    />
  );
}

function RecordRefInput({ field, value, onChange, id, disabled }: InputProps<FieldOf<'recordRef'>>) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['ref-search', field.ledger, q],
    queryFn: ({ signal }) => api.get<Page<RecordItem>>(`/api/ledgers/${field.ledger}/records`, { q, pageSize: 20 }, signal),
  });
  const options = (list.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.orgName}）` }));
  if (!isBlank(value) && !options.some((o) => o.value === Number(value))) options.unshift({ value: Number(value), label: `记录 #${String(value)}` });
  return (
    <Select
      id={id}
      disabled={disabled}
      showSearch
      allowClear
      filterOption={false}
      value={isBlank(value) ? undefined : Number(value)}
      options={options}
      loading={list.isFetching}
      placeholder="输入关键字搜索"
      notFoundContent={list.isFetching ? '正在搜索…' : '没有匹配的记录'}
      onSearch={setQ}
      onChange={(v) => onChange?.(v ?? null)}
    />
  );
}

function RecordRefDisplay({ value }: CellProps<FieldOf<'recordRef'>>) {
  const id = isBlank(value) ? null : String(value);
  const q = useQuery({ queryKey: ['record', id], queryFn: () => api.get<RecordDetail>(`/api/records/${id}`), enabled: Boolean(id) });
  if (!id) return <>{EMPTY}</>;
  return <Link to={`/records/${id}`}>{q.data?.title ?? `记录 #${id}`}</Link>;
}

export const orgKit: FieldKit<FieldOf<'org'>> = {
  Input: OrgInput,
  Cell: ({ value }) => <OrgName value={value} />,
  Display: ({ value }) => <OrgName value={value} />,
};

export const recordRefKit: FieldKit<FieldOf<'recordRef'>> = {
  Input: RecordRefInput,
  Cell: ({ value }) => (isBlank(value) ? <>{EMPTY}</> : <Link to={`/records/${String(value)}`}>#{String(value)}</Link>),
  Display: RecordRefDisplay,
};

export const filesKit: FieldKit<FieldOf<'files'>> = {
  Input: () => <span style={{ color: '#888' }}>保存后可在详情页上传照片、扫描件等佐证材料。</span>,
  Cell: ({ record }) =>
    record?.files ? (
      <span>
        <PaperClipOutlined /> {record.files}
      </span>
    ) : (
      <>{EMPTY}</>
    ),
  Display: ({ record }) => <span>{record?.files ? `${record.files} 个文件，见下方“佐证材料”` : '暂无，可在下方“佐证材料”上传'}</span>,
};
