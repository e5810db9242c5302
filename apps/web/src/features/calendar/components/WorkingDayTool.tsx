import { App, Button, Card, DatePicker, Form, InputNumber, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { showApiError } from '../../../lib/form-errors';
import { formatDate, shanghaiToday } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { addWorkingDays, type WorkingDayResult } from '../api/calendar.api';

interface Values {
  start: Dayjs;
  days: number;
}

/** 工作日推算: the n-th working day after a date, the way every deadline of the platform is counted. */
export function WorkingDayTool() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<{ start: string; days: number; r: WorkingDayResult } | null>(null);
  const [loading, setLoading] = useState(false);

  const onFinish = async (v: Values) => {
    const start = v.start.format('YYYY-MM-DD');
    setLoading(true);
    try {
      setResult({ start, days: v.days, r: await addWorkingDays(start, v.days) });
    } catch (e) {
      showApiError(e, message, form, { date: 'start' });
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card title={t('cal.toolTitle')} data-testid="calendar-tool">
      <Form<Values>
        form={form}
        layout="inline"
        style={{ rowGap: 12 }}
        initialValues={{ start: dayjs(shanghaiToday()), days: 5 }}
        onFinish={(v) => void onFinish(v)}
        onValuesChange={() => setResult(null)}
      >
        <Form.Item name="start" label={t('cal.toolStart')} rules={[{ required: true, message: t('cal.startRequired') }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} data-testid="calendar-tool-date" />
        </Form.Item>
        <Form.Item name="days" label={t('cal.toolDays')} rules={[{ required: true, message: t('cal.daysRequired') }]}>
          <InputNumber min={0} max={3650} precision={0} style={{ width: 100 }} data-testid="calendar-tool-days" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="calendar-tool-run">
            {t('cal.toolRun')}
          </Button>
        </Form.Item>
      </Form>
      {result ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="calendar-tool-result">
            {formatDate(result.r.date, locale)}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 4 }} data-testid="calendar-tool-explain">
            {result.days === 0
              ? t('cal.toolExplainZero', { start: formatDate(result.start, locale), date: formatDate(result.r.date, locale) })
              : t('cal.toolExplain', { start: formatDate(result.start, locale), n: result.days, date: formatDate(result.r.date, locale) })}
          </Typography.Paragraph>
          {result.r.provisional ? (
            <Typography.Paragraph type="warning" style={{ marginBottom: 0 }} data-testid="calendar-tool-provisional">
              {t('cal.toolProvisional', { years: result.r.missingYears.join(locale === 'zh-CN' ? '、' : ', ') })}
            </Typography.Paragraph>
          ) : null}
        </div>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('cal.toolHint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
