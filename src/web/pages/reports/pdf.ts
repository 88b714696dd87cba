/** 下载 PDF: converted on the server (LibreOffice, a few seconds); a refusal says what to install. */
import { useState } from 'react';
import { App } from 'antd';
import { downloadFile, errorText } from '../../api.ts';

export function usePdfDownload(reportId: number): { busy: number | 'draft' | null; download(version: number | null): Promise<void> } {
  const { modal } = App.useApp();
  const [busy, setBusy] = useState<number | 'draft' | null>(null);
  async function download(version: number | null) {
    setBusy(version ?? 'draft');
    try {
      await downloadFile(`/api/reports/${reportId}/render`, { format: 'pdf', version: version ?? undefined });
    } catch (e) {
      modal.warning({ title: '无法下载 PDF', content: errorText(e) });
    } finally {
      setBusy(null);
    }
  }
  return { busy, download };
}
