import { INDUSTRY_ROWS, INDUSTRY_SECTIONS, type RegistrationInput, type RegistrationView } from '@relief/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export type { RegistrationInput };

/** GB/T 4754 sections and the rows of 工信部联企业〔2011〕300号 used for the size class. */
export interface Industries {
  sections: { code: string; name: string }[];
  rows: { id: string; name: string }[];
}

/**
 * Reads GET /api/industries: `{ sections: [{code,name}], rows: [{id,name}] }`, or the older
 * `[{ section, name }]`. Anything else yields null (the caller falls back to the domain's tables).
 */
export function normaliseIndustries(raw: unknown): Industries | null {
  if (Array.isArray(raw)) {
    const sections = raw.flatMap((s: { section?: unknown; name?: unknown }) =>
      typeof s?.section === 'string' && typeof s.name === 'string' ? [{ code: s.section, name: s.name }] : [],
    );
    return sections.length ? { sections, rows: [] } : null;
  }
  if (raw && typeof raw === 'object' && Array.isArray((raw as Industries).sections)) {
    const r = raw as Industries;
    return { sections: r.sections, rows: Array.isArray(r.rows) ? r.rows : [] };
  }
  return null;
}

/** The domain's own tables, used while the endpoint is unavailable. */
const BUILT_IN: Industries = {
  sections: INDUSTRY_SECTIONS.map((s) => ({ code: s.code, name: s.name })),
  rows: INDUSTRY_ROWS.map((r) => ({ id: r.id, name: r.name })),
};

/** GET /api/industries, falling back to the domain's tables when it fails. */
export function useIndustries() {
  return useQuery({
    queryKey: ['industries'],
    queryFn: async () => {
      try {
        return normaliseIndustries(await api.get<unknown>('/api/industries', undefined, { on401: 'throw' })) ?? BUILT_IN;
      } catch {
        return BUILT_IN;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** POST /api/registrations → 201 with the registration (status 'pending'). */
export function submitRegistration(input: RegistrationInput): Promise<RegistrationView> {
  return api.post<RegistrationView>('/api/registrations', input, { on401: 'throw' });
}
