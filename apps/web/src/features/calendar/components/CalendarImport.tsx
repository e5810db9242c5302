import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Skeleton, Space, Table, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { QueryError } from '../../../components/QueryError';
import { showApiError } from '../../../lib/form-errors';
import { formatDate, formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { parseCalendarFile, toCalendarYear, toFormRows, type CalendarFormRows } from '../api/calendar-form';
import { formatYearRanges } from '../api/calendar-view';
import { previewCalendarYear, useCalendarYears, useImportCalendarYear, type CalendarYearInput, type DeadlineChange } from '../api/calendar.api';

interface FormValues {
  year: number;
  offDays: { range?: [Dayjs, Dayjs] | null; name?: string }[];
  makeupWorkdays: { date?: Dayjs | null; name?: string }[];
}

interface Preview {
  year: CalendarYearInput;
  problems: string[];
  changes: DeadlineChange[];
}

const ISO = 'YYYY-MM-DD';

function toRows(v: FormValues): CalendarFormRows {
  return {
    year: v.year,
    offDays: (v.offDays ?? []).map((r) => ({ from: r.range![0].format(ISO), to: r.range![1].format(ISO), name: r.name ?? '' })),
    makeupWorkdays: (v.makeupWorkdays ?? []).map((r) => ({ date: r.date!.format(ISO), name: r.name ?? '' })),
  };
}

function toValues(rows: CalendarFormRows): FormValues {
  return {
    year: rows.year,
    offDays: rows.offDays.map((r) => ({ range: [dayjs(r.from), dayjs(r.to)], name: r.name })),
    makeupWorkdays: rows.makeupWorkdays.map((r) => ({ date: dayjs(r.date), name: r.name })),
  };
}

/**
 * For 'calendar.manage': the years on file, and a year's holiday notice typed in (or uploaded as
 * JSON), previewed by the server (its problems, or the open cases whose deadline will move) and
 * imported only on confirmation with the notice's number or address as source.
 */
export function CalendarImport() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const years = useCalendarYears(true);
  const importYear = useImportCalendarYear();
  const [form] = Form.useForm<FormValues>();
  const [confirmForm] = Form.useForm<{ source: string }>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const yearValue = Form.useWatch('year', form);

  if (years.isPending) {
    return (
      <Card title={t('cal.manageTitle')}>
        <Skeleton active />
      </Card>
    );
  }
  if (years.isError) return <QueryError error={years.error} onRetry={() => void years.refetch()} />;

  const known = [...years.data.builtin, ...years.data.imported.map((i) => i.year)];
  const nextYear = known.length ? Math.max(...known) + 1 : new Date().getFullYear() + 1;
  const replacing = typeof yearValue === 'number' && known.includes(yearValue);

  const onPreview = async () => {
    const v = await form.validateFields();
    let year: CalendarYearInput;
    try {
      year = toCalendarYear(toRows(v));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
      return;
    }
    setBusy('preview');
    try {
      const r = await previewCalendarYear(year);
      setPreview({ year, ...r });
    } catch (e) {
      showApiError(e, message);
    } finally {
      setBusy(null);
    }
  };

  const onConfirm = async () => {
    if (!preview) return;
    const { source } = await confirmForm.validateFields();
    setBusy('import');
    try {
      const r = await importYear(preview.year, source.trim());
      void message.success(r.changes.length ? t('cal.importDone', { year: r.year, n: r.changes.length }) : t('cal.importDoneNoChanges', { year: r.year }));
      setPreview(null);
      confirmForm.resetFields();
      form.resetFields();
      form.setFieldsValue({ year: r.year + 1 });
    } catch (e) {
      showApiError(e, message, confirmForm);
    } finally {
      setBusy(null);
    }
  };

  const onFile = async (file: File) => {
    const parsed = parseCalendarFile(await file.text());
    if (!parsed.ok) {
      void message.error(parsed.reason === 'json' ? t('cal.fileNotJson', { detail: parsed.detail }) : t('cal.fileShape'));
      return;
    }
    form.setFieldsValue(toValues(toFormRows(parsed.year)));
    setPreview(null);
    void message.info(t('cal.fileLoaded', { name: file.name }));
  };

  return (
    <Card title={t('cal.manageTitle')} data-testid="calendar-manage">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'builtin',
            label: t('cal.builtin'),
            children: (
              <span data-testid="calendar-years-builtin">
                {t('cal.builtinYears', { years: formatYearRanges(years.data.builtin, locale === 'zh-CN' ? '、' : ', ') })}
              </span>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('cal.imported')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => String(r.year)}
        dataSource={years.data.imported}
        pagination={false}
        locale={{ emptyText: t('cal.noneImported') }}
        columns={[
          { title: t('cal.colYear'), dataIndex: 'year', width: 90 },
          { title: t('cal.colSource'), dataIndex: 'source', render: (s: string) => <span style={{ wordBreak: 'break-all' }}>{s}</span> },
          { title: t('cal.colImportedAt'), dataIndex: 'importedAt', width: 180, render: (v: string) => formatInstant(v, locale) },
        ]}
        data-testid="calendar-years-imported"
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('cal.importTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cal.importHint')}</Typography.Paragraph>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ year: nextYear, offDays: [{}], makeupWorkdays: [] }}
        onValuesChange={() => setPreview(null)}
        data-testid="calendar-import-form"
      >
        <Flex gap={16} align="flex-end" wrap>
          <Form.Item
            name="year"
            label={t('cal.formYear')}
            rules={[{ required: true, message: t('cal.yearRequired') }]}
            style={{ marginBottom: 12 }}
          >
            <InputNumber min={1900} max={9999} precision={0} style={{ width: 120 }} data-testid="calendar-import-year" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void onFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="calendar-import-upload">
                {t('cal.upload')}
              </Button>
            </Upload>
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('cal.uploadHint')}
        </Typography.Paragraph>
        {replacing ? <Alert type="warning" showIcon title={t('cal.replaceWarning', { year: yearValue })} style={{ marginBottom: 12 }} data-testid="calendar-import-replacing" /> : null}

        <Typography.Text strong>{t('cal.offDays')}</Typography.Text>
        <Form.List name="offDays">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'range']} rules={[{ required: true, message: t('cal.rangeRequired') }]}>
                    <DatePicker.RangePicker format={ISO} data-testid={`calendar-import-off-range-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('cal.holidayNameRequired') }]}>
                    <Input placeholder={t('cal.holidayName')} maxLength={20} style={{ width: 160 }} data-testid={`calendar-import-off-name-${i}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('cal.removeRow')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }} data-testid="calendar-import-add-off">
                {t('cal.addOff')}
              </Button>
            </div>
          )}
        </Form.List>

        <div>
          <Typography.Text strong>{t('cal.makeupDays')}</Typography.Text>
        </div>
        <Form.List name="makeupWorkdays">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: t('cal.dateRequired') }]}>
                    <DatePicker format={ISO} data-testid={`calendar-import-makeup-date-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('cal.holidayNameRequired') }]}>
                    <Input placeholder={t('cal.makeupName')} maxLength={20} style={{ width: 160 }} data-testid={`calendar-import-makeup-name-${i}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('cal.removeRow')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }} data-testid="calendar-import-add-makeup">
                {t('cal.addMakeup')}
              </Button>
            </div>
          )}
        </Form.List>

        <Button onClick={() => void onPreview().catch(() => undefined)} loading={busy === 'preview'} data-testid="calendar-import-preview">
          {t('cal.preview')}
        </Button>
      </Form>

      {preview ? (
        <div style={{ marginTop: 16 }} data-testid="calendar-import-result">
          {preview.problems.length > 0 ? (
            <Alert
              type="error"
              showIcon
              title={t('cal.previewProblems')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {preview.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
              data-testid="calendar-import-problems"
            />
          ) : (
            <>
              <Alert
                type="success"
                showIcon
                title={t('cal.previewOk', { year: preview.year.year, off: preview.year.offDays.length, makeup: preview.year.makeupWorkdays.length })}
                description={preview.changes.length === 0 ? t('cal.noChanges') : t('cal.changes', { n: preview.changes.length })}
                data-testid="calendar-import-ok"
              />
              {preview.changes.length > 0 ? (
                <Table<DeadlineChange>
                  size="small"
                  style={{ marginTop: 12 }}
                  rowKey={(c) => String(c.caseId)}
                  dataSource={preview.changes}
                  pagination={preview.changes.length > 10 ? { pageSize: 10 } : false}
                  columns={[
                    { title: t('cal.colCase'), dataIndex: 'title', render: (title: string, c) => `${title}（#${c.caseId}）` },
                    { title: t('cal.colFrom'), dataIndex: 'from', render: (v: string | null) => formatDate(v, locale) },
                    { title: t('cal.colTo'), dataIndex: 'to', render: (v: string) => <Typography.Text strong>{formatDate(v, locale)}</Typography.Text> },
                  ]}
                  data-testid="calendar-import-changes"
                />
              ) : null}
              <Form form={confirmForm} layout="vertical" style={{ marginTop: 16 }}>
                <Form.Item name="source" label={t('cal.source')} rules={[{ required: true, whitespace: true, message: t('cal.sourceRequired') }]}>
                  <Input maxLength={500} placeholder={t('cal.sourcePlaceholder')} data-testid="calendar-import-source" />
                </Form.Item>
                <Button type="primary" loading={busy === 'import'} onClick={() => void onConfirm().catch(() => undefined)} data-testid="calendar-import-confirm">
                  {t('cal.confirm')}
                </Button>
              </Form>
            </>
          )}
        </div>
      ) : null}
    </Card>
  );
}
