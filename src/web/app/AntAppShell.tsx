/**
 * antd's <App> (message, notification and modal hooks for App.useApp) is about 50 KB gz of the
 * bundle; the signed-in parts need it, the login page does not. Loaded with the first signed-in
 * page, so the login page stays within its budget (npm run bench:web).
 */
import { App } from 'antd';
import type { ReactNode } from 'react';

export default function AntAppShell({ children }: { children: ReactNode }) {
  return <App>{children}</App>;
}
