import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export interface MeasureContact {
  name: string;
  organisation: string | null;
  phone: string;
}

/** GET /api/policy/measures/:kind: the clause as the preset holds it. */
export interface MeasurePolicy {
  kind?: string;
  /** Clause number 1–10 (the brief's draft had the ordinal here). */
  clause: number | string;
  /** 一 … 十. */
  ordinal?: string;
  /** The clause's own title, e.g. 实施贷款风险补偿政策. */
  title: string;
  menuTitle?: string;
  text: string;
  contacts: MeasureContact[];
  policyNumber?: string;
}

/** The clause text and contacts; any failure leaves the page with its description only. */
export function useMeasurePolicy(kind: string) {
  return useQuery({
    queryKey: ['policy', 'measures', kind],
    queryFn: () => api.get<MeasurePolicy>(`/api/policy/measures/${encodeURIComponent(kind)}`),
    retry: false,
    staleTime: 30 * 60 * 1000,
  });
}
