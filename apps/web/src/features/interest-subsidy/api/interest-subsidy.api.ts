// The interest-subsidy endpoints (apps/server/src/measures/interest-subsidy/interest-subsidy.routes.ts).
import type {
  InterestSubsidyApplicationDetail, InterestSubsidyApplicationInput, InterestSubsidyDashboard, InterestSubsidyNoticeView, InterestSubsidyObjectionView,
  InterestSubsidyPreviewView, InterestSubsidyReportDetail, InterestSubsidyReportingStatus, InterestSubsidyReportView,
} from '@relief/domain';
import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../lib/api';

export type ApplicationDetail = InterestSubsidyApplicationDetail;
export type ApplicationView = Omit<ApplicationDetail, 'contracts'>;
export type ApplicationInput = InterestSubsidyApplicationInput;
export type ContractInput = ApplicationInput['contracts'][number];
export type PreviewView = InterestSubsidyPreviewView;
export type ReportView = InterestSubsidyReportView;
export type ReportDetail = InterestSubsidyReportDetail;
export type ReportingStatus = InterestSubsidyReportingStatus;
export type NoticeView = InterestSubsidyNoticeView;
export type NoticeDetail = NoticeView & { items: ApplicationView[] };
export type ObjectionView = InterestSubsidyObjectionView;
export type DashboardView = InterestSubsidyDashboard;
interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export const BASE = '/api/interest-subsidy';
export const isKey = ['interest-subsidy'] as const;

export function cleanQuery<T extends Record<string, unknown>>(q: T): Query {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Query;
}

export const useApplications = (q: Query) => useQuery({ queryKey: [...isKey, 'applications', q], queryFn: () => api.get<Page<ApplicationView>>(`${BASE}/applications`, q) });
export const useApplication = (id: number) => useQuery({ queryKey: [...isKey, 'application', id], queryFn: () => api.get<ApplicationDetail>(`${BASE}/applications/${id}`), enabled: id > 0 });
export const useReports = () => useQuery({ queryKey: [...isKey, 'reports'], queryFn: () => api.get<Page<ReportView>>(`${BASE}/reports`, { pageSize: 200 }) });
export const useReport = (id: number) => useQuery({ queryKey: [...isKey, 'report', id], queryFn: () => api.get<ReportDetail>(`${BASE}/reports/${id}`), enabled: id > 0 });
export const useReportingStatus = () => useQuery({ queryKey: [...isKey, 'status'], queryFn: () => api.get<ReportingStatus>(`${BASE}/reports/status`) });
export const useNotices = () => useQuery({ queryKey: [...isKey, 'notices'], queryFn: () => api.get<{ items: NoticeView[] }>(`${BASE}/notices`) });
export const useNotice = (id: number) => useQuery({ queryKey: [...isKey, 'notice', id], queryFn: () => api.get<NoticeDetail>(`${BASE}/notices/${id}`), enabled: id > 0 });
export const useObjections = (id: number, enabled: boolean) => useQuery({ queryKey: [...isKey, 'objections', id], queryFn: () => api.get<{ items: ObjectionView[] }>(`${BASE}/notices/${id}/objections`), enabled: enabled && id > 0 });
export const useDashboard = () => useQuery({ queryKey: [...isKey, 'dashboard'], queryFn: () => api.get<DashboardView>(`${BASE}/dashboard`) });

export const previewSubsidy = (contracts: ContractInput[]) => api.post<PreviewView>(`${BASE}/preview`, { contracts });
export const applySubsidy = (body: ApplicationInput) => api.post<ApplicationDetail>(`${BASE}/applications`, body);
export const reviseSubsidy = (id: number, body: Omit<ApplicationInput, 'idempotencyKey'> & { version: number }) => api.post<ApplicationDetail>(`${BASE}/applications/${id}/revise`, body);
export const generateReport = () => api.post<ReportDetail>(`${BASE}/reports`);
export const signReport = (id: number, version: number) => api.post<ReportDetail>(`${BASE}/reports/${id}/submit`, { version });
export const publishNotice = (body: { idempotencyKey: string; title: string }) => api.post<NoticeView>(`${BASE}/notices`, body);
export const recordObjection = (id: number, body: { applicationId: number; objector: string; contact?: string; content: string }) => api.post<ObjectionView>(`${BASE}/notices/${id}/objections`, body);
export const answerObjection = (id: number, body: { answer: string; upheld: boolean }) => api.post<ObjectionView>(`${BASE}/objections/${id}/answer`, body);
export const payNotice = (id: number) => api.post<NoticeView>(`${BASE}/notices/${id}/pay`);
