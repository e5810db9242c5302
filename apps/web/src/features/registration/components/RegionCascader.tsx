import { RegionCascader as SharedRegionCascader } from '../../../components/RegionCascader';

export interface RegionCascaderProps {
  /** [city code, county code]. */
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
}

/** The enterprise's county on the registration form; only a county completes the choice. */
export function RegionCascader({ value, onChange, id }: RegionCascaderProps) {
  return <SharedRegionCascader value={value} onChange={onChange} id={id} testId="register-region" />;
}
