/** The signed-in frame: Sider menu (a Drawer on narrow screens), header with org switcher and user menu. */
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Dropdown, Layout, Menu, TreeSelect, Typography, type MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { RecordDetail } from '../types.ts';
import { useAuth, useMe } from '../auth.tsx';
import { OrgProvider, useCurrentOrg } from '../org.tsx';
import { useLedgers } from '../ledgers.ts';
import { useNarrow } from '../components/use-media.ts';
import { PageLoading } from '../components/states.tsx';
import { buildMenu, openKeyFor, selectedKey } from './menu.tsx';
import { AlertBell } from '../pages/alerts/bell.tsx';

const { Sider, Header, Content } = Layout;

function Brand({ compact }: { compact?: boolean }) {
  return (
    <div className="ls-brand">
      {compact ? '落实' : '落实 · 工作台账'}
      {compact ? null : <small>全面从严治党</small>}
    </div>
  );
}

function SideMenu({ onNavigate, dark }: { onNavigate?: () => void; dark: boolean }) {
  const me = useMe();
  const ledgers = useLedgers();
  const navigate = useNavigate();
  const location = useLocation();
  const items = useMemo(() => buildMenu(me.roles, ledgers.data ?? []), [me.roles, ledgers.data]);
  // On a record's page, light up its ledger (read from the cache the page fills; no extra request).
  const recordId = /^\/records\/(\d+)/.exec(location.pathname)?.[1];
  const record = useQuery<RecordDetail>({ queryKey: ['record', recordId ?? ''], enabled: false });
  const selected = recordId && record.data ? `/ledgers/${record.data.ledger}` : selectedKey(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => openKeyFor(items, selected));
  useEffect(() => {
    const k = openKeyFor(items, selected);
    if (k.length) setOpenKeys((prev) => (prev.includes(k[0]) ? prev : [...prev, k[0]]));
  }, [items, selected]);
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key.startsWith('/')) {
      navigate(key);
      onNavigate?.();
    }
  };
  return (
    <Menu
      theme={dark ? 'dark' : 'light'}
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      onClick={onClick}
      style={{ borderInlineEnd: 0 }}
    />
  );
}

function OrgSwitcher() {
  const { tree, current, setCurrent, loading } = useCurrentOrg();
  const { isBusiness } = useAuth();
  if (!isBusiness) return <div style={{ flex: 1 }} />;
  return (
    <TreeSelect
      className="ls-org-switch"
      aria-label="当前组织"
      value={tree.length ? current : undefined}
      loading={loading}
      treeData={tree}
      onChange={(v: string) => v && setCurrent(v)}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={[current]}
      placeholder="选择组织"
      popupMatchSelectWidth={false}
      listHeight={400}
    />
  );
}

function UserMenu() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ color: '#333', cursor: 'default' }}>
          <div style={{ fontWeight: 600 }}>{me.name}</div>
          <div style={{ fontSize: 12, color: '#888' }}>
            {me.roleLabels.join('、')} · {me.org.name}
          </div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出' },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/password');
    if (key === 'logout') void logout();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} aria-label="用户菜单">
        {narrow ? null : (
          <span>
            {me.name}
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              {me.roleLabels[0]}
            </Typography.Text>
          </span>
        )}
      </Button>
    </Dropdown>
  );
}

function Frame() {
  const narrow = useNarrow();
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem('luoshi.sider') === 'collapsed');
  const location = useLocation();
  useEffect(() => setDrawer(false), [location.pathname]);
  const toggle = () => {
    setCollapsed((c) => {
      localStorage.setItem('luoshi.sider', c ? 'open' : 'collapsed');
      return !c;
    });
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={260} title="落实 · 工作台账" styles={{ body: { padding: 0 } }}>
          <SideMenu dark={false} onNavigate={() => setDrawer(false)} />
        </Drawer>
      ) : (
        <Sider width={220} collapsible collapsed={collapsed} trigger={null} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Brand compact={collapsed} />
          <SideMenu dark />
        </Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header className="ls-header">
          <Button
            type="text"
            aria-label={narrow ? '打开菜单' : collapsed ? '展开菜单' : '收起菜单'}
            icon={narrow ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={narrow ? () => setDrawer(true) : toggle}
          />
          <OrgSwitcher />
          <div style={{ marginLeft: 'auto' }}>
            <AlertBell />
            <UserMenu />
          </div>
        </Header>
        <Content className="ls-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

export default function AppLayout() {
  return (
    <OrgProvider>
      <Frame />
    </OrgProvider>
  );
}
