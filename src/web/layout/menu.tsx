/** The Sider menu: lines of work with their ledgers, reports, alerts, county and admin pages, by role. */
import type { ReactNode } from 'react';
import type { MenuProps } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  FileTextOutlined,
  HomeOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SoundOutlined,
  TeamOutlined,
  AppstoreOutlined,
} from '@ant-design/icons';
import { LINES, LINE_LABELS, type Line, type Role } from '../../shared/roles.ts';
import type { LedgerClientConfig } from '../types.ts';

type Item = Required<MenuProps>['items'][number];

const LINE_ICONS: Record<Line, ReactNode> = {
  discipline: <SafetyOutlined />,
  organization: <TeamOutlined />,
  publicity: <SoundOutlined />,
  legal: <BankOutlined />,
  general: <AppstoreOutlined />,
};

const REPORT_ROLES: Role[] = ['secretary', 'discipline', 'organization', 'publicity', 'legal', 'countyReviewer', 'cityReviewer', 'provinceReviewer'];
const ALERT_ROLES: Role[] = ['secretary', 'discipline', 'organization', 'publicity', 'legal', 'village', 'grid'];
/** Reviewers read the alert center of their subtree (read only; docs/alerts.md, "谁能看、谁能处理"). */
const ALERT_READER_ROLES: Role[] = [...ALERT_ROLES, 'countyReviewer', 'cityReviewer', 'provinceReviewer'];
const COUNTY_ROLES: Role[] = ['countyReviewer', 'cityReviewer', 'provinceReviewer', 'secretary'];

export interface MenuAccess {
  admin: { orgs: boolean; users: boolean; security: boolean; events: boolean; audit: boolean; notify: boolean };
  reports: boolean;
  alerts: boolean;
  compliance: boolean;
  county: boolean;
}

export function menuAccess(roles: Role[]): MenuAccess {
  const has = (...rs: Role[]) => rs.some((r) => roles.includes(r));
  return {
    admin: {
      orgs: has('admin'),
      users: has('admin'),
      security: has('admin', 'securityAdmin'),
      events: has('securityAdmin'),
      audit: has('auditor'),
      notify: has('admin', 'countyReviewer'),
    },
    reports: has(...REPORT_ROLES),
    alerts: has(...ALERT_READER_ROLES),
    // Reviewers: a county's branches; a city's or a province's counties (roll-up).
    compliance: has(...ALERT_READER_ROLES),
    county: has(...COUNTY_ROLES),
  };
}

export function buildMenu(roles: Role[], ledgers: LedgerClientConfig[]): Item[] {
  const a = menuAccess(roles);
  const items: Item[] = [{ key: '/', icon: <HomeOutlined />, label: '首页' }];
  for (const line of LINES) {
    const ls = ledgers.filter((l) => l.line === line);
    if (!ls.length) continue;
    items.push({
      key: `line:${line}`,
      icon: LINE_ICONS[line],
      label: LINE_LABELS[line],
      children: ls.map((l) => ({ key: `/ledgers/${l.key}`, label: l.label })),
    });
  }
  if (ledgers.some((l) => l.can.create)) items.push({ key: '/import', icon: <CloudUploadOutlined />, label: '数据导入' });
  if (a.reports) {
    items.push({
      key: 'group:reports',
      icon: <FileTextOutlined />,
      label: '报告',
      children: [
        { key: '/reports', label: '季度报告' },
        { key: '/check', label: '报告核查' },
      ],
    });
  }
  if (a.alerts) items.push({ key: '/alerts', icon: <AlertOutlined />, label: '预警中心' });
  if (a.compliance) items.push({ key: '/compliance', icon: <ScheduleOutlined />, label: '组织生活合规' });
  if (a.county) {
    // A city or province reviewer compares counties; a county reviewer (or a town) towns.
    const level = roles.includes('provinceReviewer') ? '省级' : roles.includes('cityReviewer') ? '市级' : '县级';
    items.push({
      key: 'group:county',
      icon: <BarChartOutlined />,
      label: level,
      children: [{ key: '/county', label: level === '县级' ? '对比与考核' : '各县对比与考核' }],
    });
  }
  const admin: Item[] = [];
  if (a.admin.orgs) admin.push({ key: '/admin/orgs', label: '组织机构' });
  if (a.admin.users) admin.push({ key: '/admin/users', label: '账号' });
  if (a.admin.security) admin.push({ key: '/admin/security', label: '安全策略' });
  if (a.admin.events) admin.push({ key: '/admin/security-events', label: '安全事件' });
  if (a.admin.audit) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: '审计日志' });
  if (a.admin.notify) admin.push({ key: '/admin/notify', label: '预警推送' }, { key: '/admin/holidays', label: '节假日安排' });
  if (admin.length) items.push({ key: 'group:admin', icon: <SettingOutlined />, label: '系统管理', children: admin });
  return items;
}

/** The menu key for a location: /ledgers/x/new and /reports/7 light up their list entry. */
export function selectedKey(pathname: string): string {
  const m = /^\/(ledgers\/[^/]+|reports|admin\/[^/]+)/.exec(pathname);
  return m ? `/${m[1]}` : pathname;
}

/** The submenu that holds a key, so it opens on first render. */
export function openKeyFor(items: Item[], key: string): string[] {
  for (const it of items) {
    if (it && 'children' in it && it.children?.some((c) => c?.key === key)) return [String(it.key)];
  }
  return [];
}
