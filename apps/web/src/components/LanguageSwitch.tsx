import { Segmented } from 'antd';
import type { Locale } from '../lib/i18n';
import { useI18n } from '../lib/i18n-context';

const OPTIONS: { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'EN', value: 'en-US' },
];

/** Switches the UI between zh-CN and en-US. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('nav.language')}
      options={OPTIONS}
      value={locale}
      onChange={setLocale}
      data-testid="language-switch"
      style={dark ? { background: 'rgba(255,255,255,0.15)' } : undefined}
    />
  );
}
