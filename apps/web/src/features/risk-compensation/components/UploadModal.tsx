import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { confirmUpload, type RiskCompensationUploadView, uploadLoans } from '../api/risk-compensation.api';
import { T } from '../texts';

/** Upload a loan workbook, read its stored report (errors first), and confirm the valid rows. */
export function UploadModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [report, setReport] = useState<RiskCompensationUploadView | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (file: File) => {
    setBusy(true);
    try {
      setReport(await uploadLoans(file));
    } catch (e) {
      showApiError(e, message);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!report) return;
    setBusy(true);
    try {
      const r = await confirmUpload(report.id);
      setReport(r);
      void message.success(`${T.upload.confirmed} ${r.writtenRows} 笔`);
      onDone();
    } catch (e) {
      showApiError(e, message);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setReport(null);
    onClose();
  };
  return (
    <Modal title={T.upload.title} open={open} onCancel={close} footer={null} width={860} destroyOnHidden data-testid="rc-upload-modal">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Space>
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => { void send(f); return false; }}>
            <Button icon={<UploadOutlined />} loading={busy} data-testid="rc-upload-choose">{T.upload.choose}</Button>
          </Upload>
          <Button onClick={() => void downloadFile('/api/risk-compensation/loans/template', undefined, '贷款登记模板.xlsx')}>{T.loan.template}</Button>
        </Space>
        {report ? (
          <>
            <Descriptions size="small" column={4} bordered data-testid="rc-upload-report">
              <Descriptions.Item label={T.upload.total}>{report.totalRows}</Descriptions.Item>
              <Descriptions.Item label={T.upload.valid}>{report.validRows}</Descriptions.Item>
              <Descriptions.Item label={T.upload.errors}>{report.errorCount}</Descriptions.Item>
              <Descriptions.Item label={T.upload.warnings}>{report.warningCount}</Descriptions.Item>
            </Descriptions>
            <Alert type={report.status === 'confirmed' ? 'success' : 'info'} showIcon title={report.status === 'confirmed' ? `${T.upload.confirmed} ${report.writtenRows} 笔` : T.upload.hint} />
            <Table
              size="small" rowKey={(r) => `${r.rowNo}-${r.column}-${r.message}`} dataSource={report.issues} pagination={{ pageSize: 8 }}
              columns={[
                { title: T.upload.severity, dataIndex: 'severity', width: 70, render: (s: string) => <Tag color={s === 'error' ? 'red' : 'orange'}>{s === 'error' ? T.upload.error : T.upload.warning}</Tag> },
                { title: T.upload.row, dataIndex: 'rowNo', width: 60 },
                { title: T.upload.column, dataIndex: 'column', width: 180 },
                { title: T.upload.message, dataIndex: 'message' },
              ]}
            />
            {report.status === 'validated' ? (
              <Button type="primary" disabled={report.validRows === 0} loading={busy} onClick={() => void confirm()} data-testid="rc-upload-confirm">
                {T.upload.confirm}（{report.validRows}）
              </Button>
            ) : null}
          </>
        ) : null}
      </Space>
    </Modal>
  );
}
