import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password-policy';
import { can, dataScope, inScope, type Principal } from './permissions';

const province: Principal = { roles: ['admin'], organisation: { kind: 'department', path: '/1/2/', regionCode: null } };
const jinan: Principal = { roles: ['viewer'], organisation: { kind: 'city', path: '/1/6/', regionCode: '370100' } };
const bank: Principal = { roles: ['operator'], organisation: { kind: 'bank', path: '/1/40/', regionCode: '370102' } };

describe('permissions', () => {
  it('allows by role and organisation kind', () => {
    expect(can(province, 'users.manage')).toBe(true);
    expect(can(jinan, 'users.manage')).toBe(false);
    expect(can(bank, 'registrations.review')).toBe(false);
    expect(can({ ...bank, roles: ['admin'] }, 'registrations.review')).toBe(false);
    expect(can({ ...jinan, roles: ['reviewer'] }, 'registrations.review')).toBe(true);
  });

  it('gives the province the whole tree, a city its city and counties, a bank its own subtree', () => {
    const p = dataScope(province);
    expect(p.provinceWide).toBe(true);
    expect(inScope(p, { path: '/1/6/7/' })).toBe(true);
    const c = dataScope(jinan);
    expect(inScope(c, { path: '/1/6/7/' })).toBe(true);
    expect(inScope(c, { path: '/1/8/' })).toBe(false);
    expect(inScope(c, { path: '/1/40/', regionCode: '370102' })).toBe(true);
    expect(inScope(c, { path: '/1/40/', regionCode: '370202' })).toBe(false);
    const b = dataScope(bank);
    expect(inScope(b, { path: '/1/40/' })).toBe(true);
    expect(inScope(b, { path: '/1/41/', regionCode: '370102' })).toBe(false);
  });

  it('does not let /1/4/ match /1/40/', () => {
    const s = dataScope({ roles: ['viewer'], organisation: { kind: 'bank', path: '/1/4/', regionCode: null } });
    expect(inScope(s, { path: '/1/40/' })).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['Short1!', ['密码至少 10 位']],
    ['alllowercase', ['密码须包含小写字母、大写字母、数字、符号中的至少三类']],
    ['Abcdefgh12', []],
    ['abcdefgh1!', []],
  ])('%s', (pw, problems) => {
    expect(checkPasswordPolicy(pw)).toEqual(problems);
  });
  it('refuses a password containing the username', () => {
    expect(checkPasswordPolicy('Zhangsan2020!', 'zhangsan')).toContain('密码不能包含用户名');
  });
});
