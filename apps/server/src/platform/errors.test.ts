import { describe, expect, it } from 'vitest';
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
