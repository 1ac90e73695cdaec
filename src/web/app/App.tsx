import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, theme } from 'antd';
import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { ApiError, setUnauthenticatedHandler } from '../api/client.ts';
import { antdLocale, I18nProvider, useI18n } from '../i18n/index.tsx';
import { router } from './routes.tsx';
import { ME_KEY } from './session.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers (refused, not found, bad input) do not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

// A session that ended (expired, logged out elsewhere, account deactivated) sends the user to login.
setUnauthenticatedHandler(() => queryClient.setQueryData(ME_KEY, null));

/** The system's "reduce motion" setting (vestibular disorders, or a slow office PC). */
const reducedMotion = () => typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function Themed() {
  const { lang } = useI18n();
  const locale = antdLocale(lang);
  const themeConfig = useMemo(
    () => ({
      algorithm: theme.defaultAlgorithm,
      token: {
        // antd's own CSS only shortens some animations for it; off here, dialogs, menus and
        // drop-downs open at once, where they are to be clicked.
        motion: !reducedMotion(),
        colorPrimary: '#1677ff',
        borderRadius: 8,
        fontFamily:
          "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
      },
      components: {
        Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px', bodyBg: '#f3f5f9', siderBg: '#0f1f3d' },
        Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0b1830', darkItemSelectedBg: '#1677ff' },
      },
    }),
    [],
  );
  return (
    <ConfigProvider locale={locale} theme={themeConfig} button={{ autoInsertSpace: false }}>
      {/* antd's <App> wraps the signed-in parts only (routes.tsx, AntAppShell) */}
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}

export function App() {
  // Server messages come back in the new language; refetch what is on screen.
  const onLang = useMemo(() => () => void queryClient.invalidateQueries(), []);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider onChange={onLang}>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
