import { describe, expect, it } from 'vitest';
import { hasPermission, normaliseMe } from './me';

describe('normaliseMe', () => {
  it('reads a flat body', () => {
    const me = normaliseMe({
      id: 7,
      username: 'jinan.admin',
      displayName: '王敏',
      organisationId: 12,
      organisationName: '济南市工业和信息化局',
      roles: ['admin'],
      permissions: ['users.manage'],
      session: { idleExpiresAt: '2020-02-07T06:30:00Z', absoluteExpiresAt: '2020-02-07T18:00:00Z' },
    });
    expect(me).toMatchObject({ id: '7', displayName: '王敏', organisationId: '12', organisationName: '济南市工业和信息化局', roles: ['admin'] });
    expect(me.session.idleExpiresAt).toBe('2020-02-07T06:30:00Z');
    expect(hasPermission(me, 'users.manage')).toBe(true);
    expect(hasPermission(me, 'audit.read')).toBe(false);
  });

  it('reads the server’s meResponse (user with nested organisation, csrfToken)', () => {
    const me = normaliseMe({
      user: {
        id: 3,
        username: 'boc.sd',
        displayName: '刘信贷',
        roles: ['operator'],
        organisation: { id: 40, name: '中国银行山东省分行', kind: 'bank', code: null, regionCode: null, path: '/1/40/' },
      },
      permissions: ['organisations.read'],
      session: { idleExpiresAt: '2020-02-07T06:30:00.000Z', absoluteExpiresAt: '2020-02-07T18:00:00.000Z', idleTimeoutSeconds: 1800 },
      csrfToken: 'tok',
    });
    expect(me).toMatchObject({ id: '3', displayName: '刘信贷', organisationId: '40', organisationName: '中国银行山东省分行', organisationKind: 'bank', organisationCode: null, csrfToken: 'tok' });
    expect(me.session).toEqual({ idleExpiresAt: '2020-02-07T06:30:00.000Z', absoluteExpiresAt: '2020-02-07T18:00:00.000Z' });
  });

  it('falls back to the username when there is no display name', () => {
    expect(normaliseMe({ user: { id: 'u1', username: 'bank1', organisation: { id: 'o1', name: '某行' } } }).displayName).toBe('bank1');
  });

  it('survives garbage', () => {
    expect(normaliseMe(null)).toMatchObject({ id: '', roles: [], permissions: [] });
    expect(hasPermission(undefined, 'users.manage')).toBe(false);
  });
});
