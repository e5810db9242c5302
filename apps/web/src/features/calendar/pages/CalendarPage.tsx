import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Row, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { shanghaiToday } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { hasPermission, PERMISSIONS } from '../../../lib/me';
import { useMe } from '../../../lib/use-me';
import { useYearMonths } from '../api/calendar.api';
import { CalendarImport } from '../components/CalendarImport';
import { MonthGrid } from '../components/MonthGrid';
import { WorkingDayTool } from '../components/WorkingDayTool';

const FIRST_YEAR = 2004;

/** The year shown: ?year= when it is a sensible year, else this year in Asia/Shanghai. */
function yearFrom(param: string | null, fallback: number): number {
  const n = Number(param);
  return Number.isInteger(n) && n >= FIRST_YEAR && n <= 2100 ? n : fallback;
}

/** /calendar — twelve months of a year with holidays and make-up working days, the calculator, and the import for administrators. */
export function CalendarPage() {
  const { t, locale } = useI18n();
  const me = useMe().data;
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const [params, setParams] = useSearchParams();
  const year = yearFrom(params.get('year'), thisYear);
  const setYear = (y: number) => setParams(y === thisYear ? {} : { year: String(y) }, { replace: true });
  const { months, error, refetch } = useYearMonths(year);
  const missing = [...new Set(months.flatMap((m) => m?.missingYears ?? []))];
  const lastYear = Math.max(thisYear + 5, year);
  const yearOptions = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i).map((y) => ({ value: y, label: t('cal.year', { year: y }) }));

  return (
    <PageContainer title={t('cal.title')} subTitle={t('cal.subtitle')} testId="calendar-page">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space>
            <Button icon={<LeftOutlined />} onClick={() => setYear(year - 1)} disabled={year <= FIRST_YEAR} aria-label={t('cal.prevYear')} data-testid="calendar-year-prev" />
            <Select<number>
              value={year}
              options={yearOptions}
              onChange={setYear}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 120 }}
              data-testid="calendar-year-select"
            />
            <Button icon={<RightOutlined />} onClick={() => setYear(year + 1)} disabled={year >= 2100} aria-label={t('cal.nextYear')} data-testid="calendar-year-next" />
            {year !== thisYear ? (
              <Button type="link" onClick={() => setYear(thisYear)} data-testid="calendar-year-today">
                {t('cal.thisYear')}
              </Button>
            ) : null}
          </Space>
          <Space size={16} wrap>
            <Typography.Text>
              <span style={{ display: 'inline-block', width: 12, height: 12, background: '#fff1f0', border: '1px solid #cf1322', marginInlineEnd: 4 }} />
              {t('cal.legendOff')}
            </Typography.Text>
            <Typography.Text>
              <span style={{ display: 'inline-block', width: 12, height: 12, background: '#f0f5ff', border: '1px solid #1d39c4', marginInlineEnd: 4 }} />
              {t('cal.legendMakeup')}
            </Typography.Text>
            <Typography.Text type="secondary">{t('cal.legendWeekend')}</Typography.Text>
            <Typography.Text>
              <span style={{ display: 'inline-block', width: 12, height: 12, outline: '2px solid #1677ff', marginInlineEnd: 6 }} />
              {t('cal.legendToday')}
            </Typography.Text>
          </Space>
        </Flex>

        {missing.length > 0 ? (
          <Alert type="warning" showIcon title={t('cal.provisional', { years: missing.join(locale === 'zh-CN' ? '、' : ', ') })} data-testid="calendar-provisional" />
        ) : null}
        {error ? <QueryError error={error} onRetry={refetch} /> : null}

        <Row gutter={[12, 12]} data-testid="calendar-year" data-year={year}>
          {months.map((m, i) => {
            const month = `${year}-${String(i + 1).padStart(2, '0')}`;
            return (
              <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid month={month} days={m?.days} today={today} />
              </Col>
            );
          })}
        </Row>

        <WorkingDayTool />
        {hasPermission(me, PERMISSIONS.calendarManage) ? <CalendarImport /> : null}
      </Space>
    </PageContainer>
  );
}
