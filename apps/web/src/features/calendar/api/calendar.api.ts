// The calendar endpoints (apps/server/src/cases/calendar.routes.ts): month views, the working-day
// calculator, and for 'calendar.manage' the years on file, the import preview and the import.
import type { CalendarDayView, CalendarYearInput } from '@relief/domain';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export type { CalendarDayView, CalendarYearInput };

/** GET /api/calendar/month?month=YYYY-MM; `missingYears` names the year when it has no holiday data. */
export interface MonthView {
  month: string;
  days: CalendarDayView[];
  missingYears: number[];
}

/** GET /api/calendar/add-working-days: the n-th working day after `date` (the day itself not counted). */
export interface WorkingDayResult {
  date: string;
  provisional: boolean;
  missingYears: number[];
}

/** GET /api/calendar/years: built-in years, and imported ones with their source and time. */
export interface CalendarYears {
  builtin: number[];
  imported: { year: number; source: string; importedAt: string }[];
}

/** An open case whose deadline the import moves. */
export interface DeadlineChange {
  caseId: number;
  title: string;
  from: string | null;
  to: string;
}

const KEY = ['calendar'] as const;

const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** The twelve months of a year, fetched in parallel; `months` is complete only when all have loaded. */
export function useYearMonths(year: number) {
  return useQueries({
    queries: monthsOf(year).map((month) => ({
      queryKey: [...KEY, 'month', month],
      queryFn: () => api.get<MonthView>('/api/calendar/month', { month }),
      staleTime: 10 * 60 * 1000,
    })),
    combine: (results) => ({
      months: results.map((r) => r.data),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.isError)?.error ?? null,
      refetch: () => results.forEach((r) => void r.refetch()),
    }),
  });
}

export function addWorkingDays(date: string, days: number): Promise<WorkingDayResult> {
  return api.get<WorkingDayResult>('/api/calendar/add-working-days', { date, days });
}

export function useCalendarYears(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'years'], queryFn: () => api.get<CalendarYears>('/api/calendar/years'), enabled });
}

/** POST /api/calendar/years/preview: problems in the data (Chinese), or the deadlines that would move. Changes nothing. */
export function previewCalendarYear(year: CalendarYearInput): Promise<{ problems: string[]; changes: DeadlineChange[] }> {
  return api.post('/api/calendar/years/preview', { year });
}

/** Imports (or replaces) the year and refreshes every calendar view. */
export function useImportCalendarYear() {
  const queryClient = useQueryClient();
  return async (year: CalendarYearInput, source: string): Promise<{ year: number; changes: DeadlineChange[] }> => {
    const result = await api.post<{ year: number; changes: DeadlineChange[] }>('/api/calendar/years', { year, source });
    await queryClient.invalidateQueries({ queryKey: KEY });
    // Deadlines of open cases may have moved: the inbox and case pages show them.
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    return result;
  };
}
