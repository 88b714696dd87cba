/** The home page of the three administrators: links to what they manage (they read no business data). */
import { Card, Col, Row } from 'antd';
import { AlertOutlined, ApartmentOutlined, AuditOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { menuAccess } from '../../layout/menu.tsx';

export function AdminShortcuts({ roles }: { roles: Role[] }) {
  const a = menuAccess(roles).admin;
  const links = [
    a.orgs && { to: '/admin/orgs', icon: <ApartmentOutlined />, title: '组织机构', text: '维护县、镇、村、部门、支部和党小组，按区划代码建镇' },
    a.users && { to: '/admin/users', icon: <UserOutlined />, title: '账号', text: '新建账号、分配角色、停用和重置密码' },
    a.security && { to: '/admin/security', icon: <LockOutlined />, title: '安全策略', text: '密码复杂度、登录失败锁定、会话超时' },
    a.events && { to: '/admin/security-events', icon: <AlertOutlined />, title: '安全事件', text: '登录失败、账号锁定和密钥操作' },
    a.audit && { to: '/admin/audit', icon: <AuditOutlined />, title: '审计日志', text: '查询和导出操作记录，校验日志哈希链是否完整' },
  ].filter(Boolean) as { to: string; icon: React.ReactNode; title: string; text: string }[];
  return (
    <Row gutter={[12, 12]}>
      {links.map((l) => (
        <Col key={l.to} xs={24} sm={12} lg={8}>
          <Link to={l.to}>
            <Card hoverable>
              <Card.Meta avatar={<span style={{ fontSize: 24, color: '#c0392b' }}>{l.icon}</span>} title={l.title} description={l.text} />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
