// GET /api/policy/preset and POST /api/policy/overrides (apps/server/src/policy/policy.routes.ts).
import type { PolicyPreset } from '@relief/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { OverrideView } from './overrides';

export type { OverrideView };

/** The preset as the server runs it, every adjustment (oldest first), and the epidemic period in force today. */
export interface PresetResponse {
  preset: PolicyPreset;
  overrides: OverrideView[];
  epidemicPeriod: { start: string; end: string | null };
}

export type PolicyMeasure = PolicyPreset['measures'][number];

const KEY = ['policy'] as const;

export function usePolicyPreset() {
  return useQuery({ queryKey: [...KEY, 'preset'], queryFn: () => api.get<PresetResponse>('/api/policy/preset'), staleTime: 5 * 60 * 1000 });
}

export type OverrideBody =
  | { measure: string; key: string; value: unknown; effectiveFrom: string; reason: string }
  | { target: 'epidemicPeriodEnd'; value: string | null; effectiveFrom: string; reason: string };

/** Records an adjustment (effective from a date not in the past) and refreshes every policy view. */
export function useAddOverride() {
  const queryClient = useQueryClient();
  return async (body: OverrideBody): Promise<OverrideView> => {
    const saved = await api.post<OverrideView>('/api/policy/overrides', body);
    await queryClient.invalidateQueries({ queryKey: KEY });
    return saved;
  };
}
