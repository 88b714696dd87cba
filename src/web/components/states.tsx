/** Loading, empty and error states shared by the pages. */
import type { ReactNode } from 'react';
import { Button, Empty, Result, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError, errorText } from '../api.ts';

export function PageLoading({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div style={{ padding: '64px 0', textAlign: 'center' }}>
      <Spin size="large" />
      <div style={{ marginTop: 12, color: '#888' }}>{tip}</div>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const navigate = useNavigate();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 403) {
    return <Result status="403" title="没有权限" subTitle={errorText(error)} extra={<Button onClick={() => navigate('/')}>返回首页</Button>} />;
  }
  if (status === 404) {
    return (
      <Result
        status="404"
        title="找不到内容"
        subTitle={errorText(error)}
        extra={
          <>
            <Button onClick={() => navigate(-1)}>返回</Button>{' '}
            <Button type="primary" onClick={() => navigate('/')}>
              回到首页
            </Button>
          </>
        }
      />
    );
  }
  return (
    <Result
      status="warning"
      title="加载失败"
      subTitle={errorText(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ text = '暂无数据', children }: { text?: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {children}
    </Empty>
  );
}

export function PageTitle({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="ls-page-title">
      <div>
        <h2>{title}</h2>
        {sub ? <div style={{ color: '#888', marginTop: 4 }}>{sub}</div> : null}
      </div>
      {extra ? <div className="ls-toolbar">{extra}</div> : null}
    </div>
  );
}
