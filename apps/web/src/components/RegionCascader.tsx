import { Cascader } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../lib/i18n-context';
import { useRegions } from '../lib/use-regions';

export interface RegionCascaderProps {
  /** [city code] or [city code, county code]. */
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  placeholder?: string;
  /** Lets a city alone complete the choice (search filters); otherwise only a county does. */
  changeOnSelect?: boolean;
  allowClear?: boolean;
  testId?: string;
  style?: CSSProperties;
}

/** City → county picker over GET /api/regions, searchable by name. */
export function RegionCascader({ value, onChange, id, placeholder, changeOnSelect = false, allowClear = true, testId, style }: RegionCascaderProps) {
  const { t } = useI18n();
  const regions = useRegions();
  return (
    <Cascader
      id={id}
      value={value}
      onChange={(v) => onChange?.((v ?? []).map(String))}
      options={regions.data ?? []}
      loading={regions.isPending}
      fieldNames={{ label: 'name', value: 'code', children: 'children' }}
      placeholder={placeholder ?? t('register.regionPlaceholder')}
      changeOnSelect={changeOnSelect}
      allowClear={allowClear}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.name).includes(input.trim())) }}
      style={style}
      data-testid={testId}
    />
  );
}
