import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, type ReactNode } from 'react';
import { isApiError } from '../lib/api-errors';
import { I18nProvider, useI18n } from '../lib/i18n-context';

/** The app's one query client: 4xx answers are final, other failures are retried twice. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      // No background refetching on focus: each request renews the server's idle timeout, and
      // only the user's own actions should do that.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  // Set during render, not in an effect, so date pickers render in the right language at once.
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalisedAntd>{children}</LocalisedAntd>
      </I18nProvider>
    </QueryClientProvider>
  );
}
