import { Spin } from 'antd';

/** The spinner shown while a page's code or data loads; kept apart from Results.tsx so the app entry does not carry antd's Result. */
export function PageLoading() {
  return (
    <div className="wd-page-loading">
      <Spin size="large" />
    </div>
  );
}
