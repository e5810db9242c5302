import type { CalendarDayView } from '@relief/domain';
import { Card, Flex, Skeleton, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { holidayRuns, monthWeeks } from '../api/calendar-view';

const RED = '#cf1322';
const RED_BG = '#fff1f0';
const BLUE = '#1677ff';

function cellStyle(d: CalendarDayView, isToday: boolean): CSSProperties {
  const style: CSSProperties = {
    position: 'relative',
    height: 30,
    lineHeight: '30px',
    textAlign: 'center',
    borderRadius: 4,
    fontSize: 13,
    fontVariantNumeric: 'tabular-nums',
  };
  if (d.offDay) Object.assign(style, { background: RED_BG, color: RED, fontWeight: 600 });
  else if (d.makeup) Object.assign(style, { background: '#f0f5ff', color: '#1d39c4', fontWeight: 600 });
  else if (!d.working) style.color = 'rgba(0,0,0,0.35)';
  if (isToday) style.outline = `2px solid ${BLUE}`;
  return style;
}

/** One month as a small grid (Monday first), days off red with the holiday's name, make-up working days marked 班. */
export function MonthGrid({ month, days, today }: { month: string; days: CalendarDayView[] | undefined; today: string }) {
  const { t, locale } = useI18n();
  const [y, m] = month.split('-').map(Number) as [number, number];
  const weekdays = t('cal.weekdays').split(',');
  const describe = (d: CalendarDayView) => {
    const date = formatDate(d.date, locale);
    if (d.offDay) return `${date} ${t('cal.dayOff', { name: d.holidayName ?? '' })}`;
    if (d.makeup) return `${date} ${t('cal.dayMakeup', { name: d.holidayName ?? '' })}`;
    return `${date} ${d.working ? t('cal.dayWorking') : t('cal.dayWeekend')}`;
  };

  return (
    <Card size="small" title={t('cal.monthTitle', { year: y, month: m })} data-testid={`calendar-month-${month}`} styles={{ body: { padding: 8 } }}>
      {!days ? (
        <Skeleton active paragraph={{ rows: 5 }} title={false} />
      ) : (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
            {weekdays.map((w, i) => (
              <div key={w} style={{ textAlign: 'center', fontSize: 12, color: i >= 5 ? RED : 'rgba(0,0,0,0.45)' }}>
                {w}
              </div>
            ))}
            {monthWeeks(days)
              .flat()
              .map((d, i) =>
                d ? (
                  <div
                    key={d.date}
                    title={describe(d)}
                    style={cellStyle(d, d.date === today)}
                    data-testid={`calendar-day-${d.date}`}
                    data-working={d.working}
                    data-off={d.offDay}
                    data-makeup={d.makeup}
                    data-holiday={d.holidayName ?? ''}
                  >
                    {Number(d.date.slice(8))}
                    {d.makeup ? (
                      <span style={{ position: 'absolute', top: -2, right: 1, fontSize: 10, lineHeight: '14px', color: '#1d39c4' }}>{t('cal.makeupMark')}</span>
                    ) : d.offDay ? (
                      <span style={{ position: 'absolute', top: -2, right: 1, fontSize: 10, lineHeight: '14px', color: RED }}>{t('cal.offMark')}</span>
                    ) : null}
                  </div>
                ) : (
                  <div key={`pad-${i}`} />
                ),
              )}
          </div>
          <Flex vertical gap={2} style={{ marginTop: 6, minHeight: 20 }} data-testid={`calendar-month-holidays-${month}`}>
            {holidayRuns(days).map((r) => (
              <Typography.Text key={`${r.kind}-${r.from}`} style={{ fontSize: 12, color: r.kind === 'off' ? RED : '#1d39c4' }}>
                {r.kind === 'off'
                  ? `${r.name} ${r.from === r.to ? t('cal.oneDay', { d: r.from }) : t('cal.rangeDays', { from: r.from, to: r.to })}${t('cal.offSuffix')}`
                  : `${t('cal.oneDay', { d: r.from })} ${t('cal.makeupLine', { name: r.name })}`}
              </Typography.Text>
            ))}
          </Flex>
        </>
      )}
    </Card>
  );
}
