import { describe, expect, it } from 'vitest';
import { ApiError, filenameFromContentDisposition, loginUrlAfter, safeNextPath, toApiError, toFormFields, toNamePath, toQueryString } from './api-errors';

describe('toApiError', () => {
  it('keeps the server’s code, Chinese message and details', () => {
    const details = [{ path: 'uscc', message: '校验码不符' }];
    const e = toApiError(400, { error: { code: 'validation_failed', message: '提交的内容有误', details } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 400, code: 'validation_failed', message: '提交的内容有误', details });
    expect(e.fieldErrors).toEqual(details);
  });

  it('falls back to a Chinese message when the body is not ours', () => {
    expect(toApiError(502, undefined)).toMatchObject({ code: 'http_502', message: '服务器暂时无法处理请求（502），请稍后重试' });
    expect(toApiError(409, { message: 'x' }).message).toBe('数据已被他人修改，请刷新后重试');
    expect(toApiError(401, { error: {} }).message).toBe('登录已失效，请重新登录');
  });
});

describe('field errors to form fields', () => {
  it.each([
    ['password', ['password']],
    ['/password', ['password']],
    ['body.contactPhone', ['contactPhone']],
    ['/items/0/amountFen', ['items', 0, 'amountFen']],
    ['items[2].name', ['items', 2, 'name']],
  ])('%s → %j', (path, name) => {
    expect(toNamePath(path)).toEqual(name);
  });

  it('groups messages per field and ignores malformed entries', () => {
    const fields = toFormFields([
      { path: 'password', message: '密码至少 10 位' },
      { path: '/password', message: '密码须包含 3 类字符' },
      { path: 'username', message: '用户名已被使用' },
      { path: '', message: '整体错误' },
      { message: '没有 path' },
      'noise',
    ]);
    expect(fields).toEqual([
      { name: ['password'], errors: ['密码至少 10 位', '密码须包含 3 类字符'] },
      { name: ['username'], errors: ['用户名已被使用'] },
    ]);
    expect(toFormFields({ path: 'x', message: 'not an array' })).toEqual([]);
    expect(toFormFields(undefined)).toEqual([]);
  });
});

describe('filenameFromContentDisposition', () => {
  it('prefers the RFC 5987 UTF-8 name', () => {
    const header = `attachment; filename="users.xlsx"; filename*=UTF-8''${encodeURIComponent('用户_2020年2月7日.xlsx')}`;
    expect(filenameFromContentDisposition(header)).toBe('用户_2020年2月7日.xlsx');
  });

  it('reads a plain or quoted name', () => {
    expect(filenameFromContentDisposition('attachment; filename="audit log.xlsx"')).toBe('audit log.xlsx');
    expect(filenameFromContentDisposition('attachment; filename=orgs.xlsx')).toBe('orgs.xlsx');
  });

  it('drops directories and handles absence', () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromContentDisposition('attachment')).toBeNull();
    expect(filenameFromContentDisposition(null)).toBeNull();
  });
});

describe('toQueryString', () => {
  it('leaves out empty filters', () => {
    expect(toQueryString({ q: '张', organisationId: '', role: undefined, status: null, page: 1, pageSize: 20 })).toBe(`?q=${encodeURIComponent('张')}&page=1&pageSize=20`);
    expect(toQueryString({})).toBe('');
    expect(toQueryString({ ids: ['1', 2] })).toBe('?ids=1&ids=2');
  });
});

describe('loginUrlAfter', () => {
  it('keeps the intended path and says when the session expired', () => {
    const at = { pathname: '/admin/users', search: '?page=2' };
    expect(loginUrlAfter(toApiError(401, { error: { code: 'SESSION_EXPIRED', message: '会话已过期，请重新登录' } }), at)).toBe(
      '/login?reason=expired&next=%2Fadmin%2Fusers%3Fpage%3D2',
    );
    expect(loginUrlAfter(toApiError(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }), at)).toBe('/login?next=%2Fadmin%2Fusers%3Fpage%3D2');
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/admin/users?page=2', '/admin/users?page=2'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/'],
  ])('%s → %s', (next, path) => {
    expect(safeNextPath(next)).toBe(path);
  });
});
