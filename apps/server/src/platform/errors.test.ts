import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isStorageFull } from '../db/kysely';
import { problemsMessage } from './errors';

// The message a person reads for field problems (the web shows it as it is); details keep the paths.

describe('problemsMessage', () => {
  it('gives a single problem as its own message, without the field identifier', () => {
    expect(problemsMessage([{ path: 'contactPhone', message: '联系电话应为手机号码或带区号的座机号码' }])).toBe('联系电话应为手机号码或带区号的座机号码');
  });

  it('names every problem at once, with a lead and a count', () => {
    const problems = [
      { path: 'bridgeAmountFen', message: '转贷金额不能超过到期贷款金额' },
      { path: 'bridgeDays', message: '单笔转贷最长使用 15 天' },
    ];
    expect(problemsMessage(problems, '申请不符合转贷条件')).toBe('申请不符合转贷条件（共 2 处）：转贷金额不能超过到期贷款金额；单笔转贷最长使用 15 天');
    expect(problemsMessage(problems)).toBe('共 2 处需要修改：转贷金额不能超过到期贷款金额；单笔转贷最长使用 15 天');
    expect(problemsMessage(problems.slice(0, 1), '申请不符合转贷条件')).toBe('申请不符合转贷条件：转贷金额不能超过到期贷款金额');
  });

  it("keeps the path in front of zod's generic messages, which name no field", () => {
    expect(problemsMessage([{ path: 'organisationId', message: '无效输入：期望 number，实际接收 string' }])).toBe('organisationId：无效输入：期望 number，实际接收 string');
    expect(problemsMessage([{ path: 'roles', message: '数值过小：期望 array 拥有 >=1 项' }])).toBe('roles：数值过小：期望 array 拥有 >=1 项');
  });

  it('says a message shared by several fields once', () => {
    expect(problemsMessage([{ path: 'startOn', message: '日期不存在' }, { path: 'endOn', message: '日期不存在' }])).toBe('日期不存在');
  });
});

// What the error handler answers 503 DB_UNAVAILABLE: the connection to PostgreSQL failed, not the
// statement. Shapes as pg and Node raise them.
describe('isDatabaseUnavailable', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
  it.each([
    ['a restart or pg_terminate_backend', pgError('57P01', 'terminating connection due to administrator command')],
    ['a crashed server', pgError('57P02', 'terminating connection due to crash of another server process')],
    ['a server still starting', pgError('57P03', 'the database system is starting up')],
    ['a connection failure', pgError('08006', 'connection failure')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a socket ended under a query', new Error('Connection terminated unexpectedly')],
    ['a client already broken', new Error('Client has encountered a connection error and is not queryable')],
  ])('is true for %s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pgError('42601', 'syntax error at or near "selec"')],
    ['a serialization failure', pgError('40001', 'could not serialize access')],
    ["SQLite's busy lock", Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
    ['anything else', new Error('boom')],
    ['not an error at all', null],
  ])('is false for %s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('isStorageFull', () => {
  it('is true for a full disk under either database, and for nothing else', () => {
    expect(isStorageFull(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), { code: '53100' }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isStorageFull(Object.assign(new Error('out of memory'), { code: '53200' }))).toBe(false);
    expect(isStorageFull(new Error('boom'))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
  });
});
