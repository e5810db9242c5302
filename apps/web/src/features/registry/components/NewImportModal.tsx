import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { IMPORT_KINDS, type ImportKind, listKindOfImport } from '@relief/domain';
import { Alert, App, Button, Col, DatePicker, Divider, Form, Input, Modal, Row, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { downloadFile, isApiError, toFormFields } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { uploadImport, type ImportJobView } from '../api/imports.api';
import { buildImportForm, defaultIssuerOf, importKindText } from '../api/registry-model';

interface FormValues {
  kind?: ImportKind;
  listName?: string;
  batch?: string;
  issuer?: string;
  issuedOn?: Dayjs | null;
  validity?: [Dayjs | null, Dayjs | null] | null;
  source?: string;
}

/** Server field names of the form's fields (the validity range is one field here). */
const FIELD_MAP: Record<string, keyof FormValues> = { validFrom: 'validity', validTo: 'validity' };
const FORM_FIELDS: readonly (keyof FormValues)[] = ['kind', 'listName', 'batch', 'issuer', 'issuedOn', 'source'];

const day = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);

export interface NewImportModalProps {
  open: boolean;
  onClose: () => void;
  /** Called with the job the server accepted (202); it is validating by then. */
  onCreated: (job: ImportJobView) => void;
}

/**
 * Starts an import: the kind (the registry or one kind of official list), its template, a list's
 * batch metadata, and the .xlsx file. The server's refusals (missing columns, a batch imported
 * before) are shown as it words them.
 */
export function NewImportModal({ open, onClose, onCreated }: NewImportModalProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const isList = !!kind && listKindOfImport(kind) !== null;

  const kindOptions = [
    { label: t('importKind.groupEnterprises'), options: [{ value: 'enterprises', label: importKindText('enterprises', locale) }] },
    {
      label: t('importKind.groupLists'),
      options: IMPORT_KINDS.filter((k) => k !== 'enterprises').map((k) => ({ value: k, label: importKindText(k, locale) })),
    },
  ];

  const onKindChange = (next: ImportKind) => {
    const list = listKindOfImport(next);
    // Offer the usual issuer of the list kind, unless the user already typed one.
    if (list && !form.isFieldTouched('issuer')) form.setFieldValue('issuer', defaultIssuerOf(list));
    setUploadError(null);
  };

  const downloadTemplate = async () => {
    if (!kind) return;
    setDownloading(true);
    try {
      const name = await downloadFile(`/api/imports/templates/${encodeURIComponent(kind)}`, undefined, `${importKindText(kind, 'zh-CN')}导入模板.xlsx`);
      void message.success(t('imports.templateDownloaded', { filename: name }));
    } catch (e) {
      showApiError(e, message);
    } finally {
      setDownloading(false);
    }
  };

  const submit = async () => {
    setUploadError(null);
    const values = await form.validateFields();
    if (!file) {
      setFileError(t('imports.fileRequired'));
      return;
    }
    if (!values.kind) return;
    const [validFrom, validTo] = values.validity ?? [null, null];
    const meta = isList
      ? {
          listName: values.listName ?? '',
          batch: values.batch ?? '',
          issuer: values.issuer ?? '',
          issuedOn: day(values.issuedOn) ?? '',
          validFrom: day(validFrom),
          validTo: day(validTo),
          source: values.source,
        }
      : undefined;
    setSubmitting(true);
    try {
      const job = await uploadImport(buildImportForm(values.kind, file, file.name, meta));
      onCreated(job);
    } catch (e) {
      if (isApiError(e)) {
        // The server's words as they are (e.g. which required columns the file lacks).
        setUploadError(e.message);
        const fields = toFormFields(e.details).flatMap((f) => {
          const head = String(f.name[0]);
          const name = FIELD_MAP[head] ?? (FORM_FIELDS.includes(head as keyof FormValues) ? (head as keyof FormValues) : undefined);
          return name ? [{ name, errors: f.errors }] : [];
        });
        if (fields.length > 0) form.setFields(fields);
      } else {
        setUploadError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size, type: file.type }] : [];

  return (
    <Modal
      open={open}
      width={720}
      title={t('imports.new')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('imports.submit')}
      confirmLoading={submitting}
      okButtonProps={buttonTestId('import-submit')}
      destroyOnHidden
      afterClose={() => {
        setFile(null);
        setFileError(null);
        setUploadError(null);
      }}
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false} data-testid="import-form">
        <Form.Item label={t('imports.kind')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="kind" noStyle rules={[{ required: true, message: t('imports.kindRequired') }]}>
              <Select<ImportKind> options={kindOptions} onChange={onKindChange} style={{ width: '100%' }} placeholder={t('imports.kindRequired')} data-testid="import-kind" />
            </Form.Item>
            <Button icon={<DownloadOutlined />} disabled={!kind} loading={downloading} onClick={() => void downloadTemplate()} data-testid="import-template">
              {t('imports.template')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('imports.templateHint')}
        </Typography.Paragraph>
        {isList ? (
          <>
            <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
              {t('imports.listMeta')}
            </Divider>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="listName" label={t('imports.listName')} rules={[{ required: true, whitespace: true, message: t('imports.listNameRequired') }]}>
                  <Input maxLength={200} data-testid="import-list-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="batch" label={t('imports.batch')} rules={[{ required: true, whitespace: true, message: t('imports.batchRequired') }]}>
                  <Input maxLength={100} placeholder={t('imports.batchPlaceholder')} data-testid="import-batch" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="issuer" label={t('imports.issuer')} rules={[{ required: true, whitespace: true, message: t('imports.issuerRequired') }]}>
                  <Input maxLength={200} data-testid="import-issuer" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="issuedOn" label={t('imports.issuedOn')} rules={[{ required: true, message: t('imports.issuedOnRequired') }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="import-issued-on" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="validity" label={t('imports.validity')} extra={t('imports.validityHint')}>
                  <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="import-validity" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="source" label={t('imports.source')}>
                  <Input maxLength={500} placeholder={t('imports.sourcePlaceholder')} data-testid="import-source" />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
        <Form.Item label={t('imports.file')} required extra={t('imports.fileHint')} validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(chosen) => {
              if (!/\.xlsx$/i.test(chosen.name)) {
                setFileError(t('imports.fileType'));
                setFile(null);
              } else {
                setFileError(null);
                setFile(chosen);
              }
              setUploadError(null);
              // Keep the file here; it is sent with the form on submit.
              return false;
            }}
            onRemove={() => {
              setFile(null);
              return true;
            }}
            data-testid="import-upload"
          >
            <Button icon={<UploadOutlined />}>{t('imports.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        {uploadError ? <Alert type="error" showIcon title={t('imports.uploadFailed')} description={uploadError} data-testid="import-upload-error" /> : null}
      </Form>
    </Modal>
  );
}
