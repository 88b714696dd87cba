/** 组织机构: the org tree with details, edit, add child, 按区划代码建市、县 and 按区划代码建镇. */
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Input, Row, Tag, Tree, Typography } from 'antd';
import { EditOutlined, PlusOutlined, GlobalOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS } from '../../../../shared/roles.ts';
import { useAuth } from '../../../auth.tsx';
import { orgTree, useOrgs, type OrgTreeNode } from '../../../org.tsx';
import { EmptyState, ErrorState, PageLoading, PageTitle } from '../../../components/states.tsx';
import type { Org } from '../../../types.ts';
import { AddChildDialog, DivisionOnboardDialog, DivisionTownDialog, EditOrgDialog } from './dialogs.tsx';
import { CHILD_KINDS, FROM_CODES, profileLabel } from './profile.ts';

const KIND_COLORS: Record<string, string> = {
  province: 'magenta',
  city: 'gold',
  county: 'red',
  town: 'volcano',
  department: 'purple',
  village: 'green',
  community: 'cyan',
  branch: 'blue',
  group: 'geekblue',
};

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children?: TreeNode[];
}

function toTreeNodes(nodes: OrgTreeNode[], filter: string): TreeNode[] {
  const out: TreeNode[] = [];
  for (const n of nodes) {
    const children = n.children ? toTreeNodes(n.children, filter) : undefined;
    if (filter && !n.title.includes(filter) && !children?.length) continue;
    out.push({
      key: n.value,
      title: (
        <span>
          {n.title}{' '}
          <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px' }}>
            {ORG_KIND_LABELS[n.kind]}
          </Tag>
        </span>
      ),
      children: children?.length ? children : undefined,
    });
  }
  return out;
}

export default function OrgsAdminPage() {
  const { me, hasRole } = useAuth();
  const orgs = useOrgs();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string | undefined>(me?.org.code);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<'edit' | 'add' | 'town' | 'region' | null>(null);
  const list = useMemo(() => orgs.data ?? [], [orgs.data]);
  const byCode = useMemo(() => new Map(list.map((o) => [o.code, o])), [list]);
  const treeData = useMemo(() => toTreeNodes(orgTree(list), filter.trim()), [list, filter]);
  const org: Org | undefined = selected ? byCode.get(selected) : undefined;
  const isAdmin = hasRole('admin');
  const counties = list.filter((o) => o.kind === 'county');
  const regions = list.filter((o) => o.kind === 'province' || o.kind === 'city');
  const done = (m: string) => {
    message.success(m);
    setDialog(null);
  };

  if (orgs.isPending) return <PageLoading />;
  if (orgs.error) return <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />;

  const childCount = org ? list.filter((o) => o.parent === org.code).length : 0;
  return (
    <>
      <PageTitle
        title="组织机构"
        sub={`共 ${list.length} 个组织`}
        extra={
          isAdmin && (counties.length || regions.length) ? (
            <span className="ls-toolbar">
              {regions.length ? (
                <Button icon={<GlobalOutlined />} onClick={() => setDialog('region')}>
                  按区划代码建市、县
                </Button>
              ) : null}
              {counties.length ? (
                <Button icon={<GlobalOutlined />} onClick={() => setDialog('town')}>
                  按区划代码建镇
                </Button>
              ) : null}
            </span>
          ) : undefined
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={9}>
          <Card size="small">
            <Input.Search placeholder="查找组织" allowClear onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} />
            {treeData.length ? (
              <Tree
                treeData={treeData}
                selectedKeys={selected ? [selected] : []}
                defaultExpandedKeys={me ? [me.org.code] : []}
                autoExpandParent
                onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                height={560}
                blockNode
              />
            ) : (
              <EmptyState text="没有匹配的组织" />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={15}>
          <Card
            size="small"
            title={org ? org.name : '请选择组织'}
            extra={
              org && isAdmin ? (
                <span className="ls-toolbar">
                  <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                    编辑
                  </Button>
                  {CHILD_KINDS[org.kind].some((k) => !FROM_CODES.includes(k)) ? (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('add')}>
                      新增下级
                    </Button>
                  ) : null}
                </span>
              ) : undefined
            }
          >
            {org ? (
              <Descriptions
                column={1}
                size="small"
                bordered
                styles={{ label: { width: 130 } }}
                items={[
                  { key: 'kind', label: '类型', children: <Tag color={KIND_COLORS[org.kind]}>{ORG_KIND_LABELS[org.kind]}</Tag> },
                  { key: 'code', label: '组织代码', children: <Typography.Text copyable>{org.code}</Typography.Text> },
                  { key: 'parent', label: '上级', children: org.parent ? (byCode.get(org.parent)?.name ?? org.parent) : '—' },
                  { key: 'children', label: '直属下级', children: `${childCount} 个` },
                  ...Object.entries(org.profile ?? {}).map(([k, v]) => ({ key: `p-${k}`, label: profileLabel(k), children: String(v ?? '') })),
                ]}
              />
            ) : (
              <EmptyState text="在左侧选择一个组织查看详情" />
            )}
          </Card>
        </Col>
      </Row>
      {dialog === 'edit' ? <EditOrgDialog org={org ?? null} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'add' ? <AddChildDialog org={org ?? null} onClose={() => setDialog(null)} onDone={done} /> : null}
      <DivisionTownDialog open={dialog === 'town'} counties={counties} onClose={() => setDialog(null)} onDone={done} />
      <DivisionOnboardDialog open={dialog === 'region'} orgs={regions} onClose={() => setDialog(null)} onDone={done} />
    </>
  );
}
