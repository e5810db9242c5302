import {
  type EnterpriseView,
  IMPORT_KINDS,
  IMPORT_STATUS_LABELS,
  importKindLabel,
  type ImportJobView,
  ISSUE_SEVERITY_LABELS,
  LIST_KIND_LABELS,
  SIZE_LABELS,
} from '@relief/domain';
import { describe, expect, it } from 'vitest';
import { translateDynamic } from '../../../lib/i18n';
import {
  buildImportForm,
  canCancelImport,
  canConfirmImport,
  enterpriseSearchParams,
  importKindText,
  importProgress,
  importSummaryText,
  isEmptyUpdate,
  isImportRunning,
  isReportReady,
  mayMaintainLists,
  parseEnterpriseSearch,
  regionPathOf,
  toEnterpriseFilters,
  toEnterpriseFilterValues,
  toEnterpriseFormValues,
  toEnterpriseUpdate,
  validityText,
} from './registry-model';

const job = (over: Partial<ImportJobView>): ImportJobView => ({
  id: 7,
  kind: 'enterprises',
  kindLabel: '企业名录',
  fileName: '企业.xlsx',
  status: 'validated',
  statusLabel: '待确认',
  totalRows: 5,
  processedRows: 5,
  validRows: 4,
  errorCount: 1,
  warningCount: 2,
  confirmedRows: 0,
  progressPercent: 100,
  errorMessage: null,
  list: null,
  listId: null,
  createdBy: 'admin',
  organisationId: 2,
  createdAt: '2020-02-07T02:00:00.000Z',
  validatedAt: '2020-02-07T02:00:05.000Z',
  confirmedBy: null,
  confirmedAt: null,
  finishedAt: null,
  ...over,
});

const enterprise: EnterpriseView = {
  id: 3,
  organisationId: 40,
  uscc: '91370102MA3C4K2D1F',
  name: '济南康泰医疗器械有限公司',
  regionCode: '370102',
  regionName: '济南市历下区',
  industrySection: 'C',
  industrySectionName: '制造业',
  industryCode: null,
  industryRow: 'industry',
  industryRowName: '工业',
  employees: 120,
  revenueFen: 1_500_000_000,
  assetsFen: 2_000_000_000,
  sizeClass: 'small',
  sizeLabel: '小型',
  sizeReason: '工业：从业人员 120 人（20 ≤ X < 300）…',
  listKinds: [],
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  version: 4,
};

describe('enterprise search in the URL', () => {
  it('reads filters and page, dropping values the server would refuse', () => {
    const s = parseEnterpriseSearch(new URLSearchParams('q=%20康泰%20&region=370102&list=gazelle&size=unclassified&page=3&pageSize=50'));
    expect(s).toEqual({ filters: { q: '康泰', regionCode: '370102', list: 'gazelle', size: 'unclassified' }, page: 3, pageSize: 50 });
    const bad = parseEnterpriseSearch(new URLSearchParams('region=110101&list=nope&size=huge&page=0&pageSize=7'));
    expect(bad).toEqual({ filters: { q: undefined, regionCode: undefined, list: undefined, size: undefined }, page: 1, pageSize: 20 });
  });

  it('writes only what differs from the defaults, and reads back the same search', () => {
    expect(enterpriseSearchParams({ filters: {}, page: 1, pageSize: 20 }).toString()).toBe('');
    const search = { filters: { q: '纺织', regionCode: '370200', size: 'small' as const }, page: 2, pageSize: 20 };
    const params = enterpriseSearchParams(search);
    expect(params.toString()).toBe('q=%E7%BA%BA%E7%BB%87&region=370200&size=small&page=2');
    expect(parseEnterpriseSearch(params)).toEqual({ ...search, filters: { ...search.filters, list: undefined } });
  });

  it('turns the cascader path into the deepest region, and back', () => {
    expect(toEnterpriseFilters({ q: '  ', region: ['370100', '370102'] })).toEqual({ q: undefined, regionCode: '370102', list: undefined, size: undefined });
    expect(toEnterpriseFilters({ region: ['370200'] }).regionCode).toBe('370200');
    expect(regionPathOf('370102')).toEqual(['370100', '370102']);
    expect(regionPathOf('370100')).toEqual(['370100']);
    expect(regionPathOf(undefined)).toBeUndefined();
    expect(toEnterpriseFilterValues({ regionCode: '370211', size: 'micro' })).toEqual({ q: undefined, region: ['370200', '370211'], list: undefined, size: 'micro' });
  });
});

describe('import jobs', () => {
  it('polls while uploaded, validating or confirming, and only then', () => {
    expect(['uploaded', 'validating', 'confirming'].every((s) => isImportRunning(s as ImportJobView['status']))).toBe(true);
    expect(['validated', 'done', 'failed', 'cancelled'].some((s) => isImportRunning(s as ImportJobView['status']))).toBe(false);
  });

  it('shows progress of the current phase from the row counts', () => {
    expect(importProgress(job({ status: 'validating', processedRows: 1_000, totalRows: 3_000 }))).toBe(33);
    expect(importProgress(job({ status: 'uploaded', processedRows: 0, totalRows: null }))).toBe(0);
    expect(importProgress(job({ status: 'validated' }))).toBe(100);
    expect(importProgress(job({ status: 'confirming', confirmedRows: 3, validRows: 4 }))).toBe(75);
    expect(importProgress(job({ status: 'done' }))).toBe(100);
  });

  it('lets a validated job with valid rows be confirmed once, and cancelled until then', () => {
    expect(canConfirmImport(job({}))).toBe(true);
    expect(canConfirmImport(job({ validRows: 0 }))).toBe(false);
    expect(canConfirmImport(job({ status: 'confirming' }))).toBe(false);
    expect(canConfirmImport(job({ status: 'done' }))).toBe(false);
    expect(canCancelImport(job({ status: 'validating' }))).toBe(true);
    expect(canCancelImport(job({ status: 'confirming' }))).toBe(false);
    expect(canCancelImport(job({ status: 'cancelled' }))).toBe(false);
  });

  it('shows the report once validation has finished', () => {
    expect(isReportReady(job({ status: 'validating', validatedAt: null }))).toBe(false);
    expect(isReportReady(job({ status: 'validated' }))).toBe(true);
    expect(isReportReady(job({ status: 'done' }))).toBe(true);
    expect(isReportReady(job({ status: 'failed', validatedAt: null }))).toBe(false);
    expect(isReportReady(job({ status: 'cancelled', validatedAt: null }))).toBe(true);
  });

  it('sums the report up in the officials’ words', () => {
    expect(importSummaryText(job({}), 'zh-CN')).toBe('共 5 行，可导入 4 行，错误 1 条，提示 2 条');
    expect(importSummaryText(job({}), 'en-US')).toBe('5 rows, 4 can be imported; errors: 1, warnings: 2');
  });

  it('names every import kind as the domain does', () => {
    for (const kind of IMPORT_KINDS) expect(importKindText(kind, 'zh-CN'), kind).toBe(importKindLabel(kind));
    expect(importKindText('list:gazelle', 'en-US')).toBe('List: Shandong gazelle enterprises');
  });

  it('sends a list import’s metadata without blank optional fields, the file last', () => {
    const file = new Blob(['x']);
    const form = buildImportForm('list:gazelle', file, '瞪羚.xlsx', {
      listName: ' 2020年山东省瞪羚企业 ',
      batch: '2020年第一批',
      issuer: '山东省工业和信息化厅',
      issuedOn: '2020-02-07',
      validFrom: undefined,
      validTo: '2022-12-31',
      source: '  ',
    });
    expect([...form.keys()]).toEqual(['kind', 'listName', 'batch', 'issuer', 'issuedOn', 'validTo', 'file']);
    expect(form.get('listName')).toBe('2020年山东省瞪羚企业');
    expect((form.get('file') as File).name).toBe('瞪羚.xlsx');
    const plain = buildImportForm('enterprises', file, 'a.xlsx', { listName: 'x', batch: 'y', issuer: 'z', issuedOn: '2020-01-01' });
    expect([...plain.keys()]).toEqual(['kind', 'file']);
  });
});

describe('validity of lists', () => {
  it('reads as dates people write', () => {
    expect(validityText('2020-02-07', '2021-02-06', 'zh-CN')).toBe('2020年2月7日 至 2021年2月6日');
    expect(validityText('2020-02-07', null, 'zh-CN')).toBe('2020年2月7日 起');
    expect(validityText(null, '2020-12-31', 'zh-CN')).toBe('至 2020年12月31日');
    expect(validityText(null, null, 'zh-CN')).toBe('—');
    expect(validityText('2020-02-07', '2021-02-06', 'en-US')).toBe('2020-02-07 to 2021-02-06');
  });
});

describe('who may take an enterprise off a list', () => {
  it('is a province body holding the import right', () => {
    expect(mayMaintainLists({ permissions: ['enterprises.import'], organisationKind: 'department' })).toBe(true);
    expect(mayMaintainLists({ permissions: ['enterprises.import'], organisationKind: 'city' })).toBe(false);
    expect(mayMaintainLists({ permissions: ['enterprises.read'], organisationKind: 'province' })).toBe(false);
    expect(mayMaintainLists(undefined)).toBe(false);
  });
});

describe('the profile form', () => {
  it('starts from the enterprise, amounts in 元 without separators', () => {
    expect(toEnterpriseFormValues(enterprise)).toMatchObject({ region: ['370100', '370102'], employees: '120', revenueYuan: '15000000.00', assetsYuan: '20000000.00' });
  });

  it('sends only what changed, amounts converted from 元 to fen exactly, with the version', () => {
    const values = { ...toEnterpriseFormValues(enterprise), revenueYuan: '15,000,000.01', employees: '300', region: ['370100', '370103'] };
    expect(toEnterpriseUpdate(enterprise, values)).toEqual({ version: 4, revenueFen: 1_500_000_001, employees: 300, regionCode: '370103' });
  });

  it('clears a figure left blank and sends nothing but the version when nothing changed', () => {
    const unchanged = toEnterpriseUpdate(enterprise, toEnterpriseFormValues(enterprise));
    expect(unchanged).toEqual({ version: 4 });
    expect(isEmptyUpdate(unchanged)).toBe(true);
    expect(toEnterpriseUpdate(enterprise, { ...toEnterpriseFormValues(enterprise), assetsYuan: ' ', industryRow: null })).toEqual({ version: 4, assetsFen: null, industryRow: null });
  });
});

describe('registry labels in i18n', () => {
  it('say in Chinese exactly what the domain says', () => {
    for (const [kind, label] of Object.entries(LIST_KIND_LABELS)) expect(translateDynamic('zh-CN', `listKind.${kind}`, '?'), kind).toBe(label);
    for (const [status, label] of Object.entries(IMPORT_STATUS_LABELS)) expect(translateDynamic('zh-CN', `importStatus.${status}`, '?'), status).toBe(label);
    for (const [s, label] of Object.entries(ISSUE_SEVERITY_LABELS)) expect(translateDynamic('zh-CN', `issueSeverity.${s}`, '?'), s).toBe(label);
    for (const [s, label] of Object.entries(SIZE_LABELS)) expect(translateDynamic('zh-CN', `sizeClass.${s}`, '?'), s).toBe(label);
  });
});
