import type { DeadlineView } from '@relief/domain';
import { describe, expect, it } from 'vitest';
import { describeDeadline, formatYears } from './deadline';

// A claim for January 2020 is due 2020-02-07 (5 working days after the month, the Spring Festival
// extension counted); the view is what GET /api/inbox sends for it on different days.
const due = (over: Partial<DeadlineView>): DeadlineView => ({
  dueOn: '2020-02-07',
  dueAt: '2020-02-07T16:00:00.000Z',
  overdue: false,
  remainingWorkingDays: 5,
  overdueWorkingDays: 0,
  provisional: false,
  missingYears: [],
  ...over,
});

describe('describeDeadline', () => {
  it('counts working days left, green while more than two remain', () => {
    expect(describeDeadline(due({ remainingWorkingDays: 5 }), 'zh-CN')).toMatchObject({ text: '剩余 5 个工作日', color: 'green' });
    expect(describeDeadline(due({ remainingWorkingDays: 3 }), 'zh-CN').color).toBe('green');
  });

  it('turns orange at two working days or fewer', () => {
    expect(describeDeadline(due({ remainingWorkingDays: 2 }), 'zh-CN')).toMatchObject({ text: '剩余 2 个工作日', color: 'orange' });
    expect(describeDeadline(due({ remainingWorkingDays: 1 }), 'zh-CN').color).toBe('orange');
  });

  it('says 今日到期 on the last day', () => {
    expect(describeDeadline(due({ remainingWorkingDays: 0 }), 'zh-CN')).toMatchObject({ text: '今日到期', color: 'orange' });
  });

  it('counts working days overdue in red', () => {
    expect(describeDeadline(due({ overdue: true, remainingWorkingDays: 0, overdueWorkingDays: 3 }), 'zh-CN')).toMatchObject({ text: '已超期 3 个工作日', color: 'red' });
  });

  it('says just 已超期 on the weekend after a Friday deadline, when no working day has passed', () => {
    expect(describeDeadline(due({ overdue: true, remainingWorkingDays: 0, overdueWorkingDays: 0 }), 'zh-CN')).toMatchObject({ text: '已超期', color: 'red' });
  });

  it('gives the due date as the end of its day', () => {
    expect(describeDeadline(due({ dueOn: '2020-02-12' }), 'zh-CN').tooltip).toEqual(['办理期限：2020年2月12日 24:00']);
    expect(describeDeadline(due({ dueOn: '2020-02-12' }), 'en-US').tooltip).toEqual(['Due by 2020-02-12 24:00 (Beijing time)']);
  });

  it('names the years without a holiday notice when the deadline is provisional', () => {
    const d = describeDeadline(due({ dueOn: '2027-01-08', provisional: true, missingYears: [2027] }), 'zh-CN');
    expect(d.tooltip[1]).toBe('期限为暂定：尚未导入 2027 年节假日安排');
    expect(formatYears([2027, 2028], 'zh-CN')).toBe('2027、2028');
  });

  it('speaks English too', () => {
    expect(describeDeadline(due({ remainingWorkingDays: 4 }), 'en-US').text).toBe('Working days left: 4');
    expect(describeDeadline(due({ overdue: true, overdueWorkingDays: 1, remainingWorkingDays: 0 }), 'en-US').text).toBe('Working days overdue: 1');
  });
});
