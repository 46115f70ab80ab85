// Printing a notice and saving it as PDF through the bridge. The desktop print window is a file:// page that
// cannot reach the app's own files: there the document names its fonts relative to itself (fonts/…) and main
// copies them beside it. The web host's print frame shares the app's origin and loads them like the preview.
import type { BridgeResult } from '../../../../shared/bridge';
import type { NoticeDoc } from '../../../../shared/schema';
import { PRINT_FONT_FOLDER } from '../../../../shared/web/print-assets';
import { getBridge } from '../../../bridge';
import { exportFileBase } from '../../../export';
import { defaultFontBaseUrl, fontUrls, type NoticeFontSources } from './fonts';
import { noticeDocument, type NoticePrintOptions } from './notice-html';

async function printableFonts(o: NoticePrintOptions): Promise<NoticeFontSources> {
  const info = await getBridge()['app:info']({});
  if (info.ok && info.value.host === 'desktop') return fontUrls(PRINT_FONT_FOLDER);
  return fontUrls(o.fontBaseUrl ?? defaultFontBaseUrl());
}

/** The notice's file name: its title, made safe for every file system. */
export const noticeFileBase = (n: Pick<NoticeDoc, 'title'>): string => exportFileBase(n.title);

/** Prints the notice through the system print dialog (desktop: on its paper, `copies` preset; web: browser print). */
export async function printNotice(n: NoticeDoc, o: NoticePrintOptions & { copies?: number } = {}): BridgeResult<{ printed: boolean }> {
  const html = await noticeDocument(n, o, await printableFonts(o));
  const pageSize = o.paper ?? n.paper ?? 'A4';
  const copies = o.copies !== undefined ? Math.min(1000, Math.max(1, Math.round(o.copies))) : undefined;
  return getBridge()['print:html']({ html, title: noticeFileBase(n), pageSize, ...(copies !== undefined ? { copies } : {}) });
}

/** Saves the notice as PDF where the user chooses (desktop); the web host opens the print dialog's 另存为 PDF. */
export async function saveNoticePdf(n: NoticeDoc, o: NoticePrintOptions = {}): BridgeResult<{ path: string | null }> {
  const html = await noticeDocument(n, o, await printableFonts(o));
  return getBridge()['print:toPdf']({ html, fileName: `${noticeFileBase(n)}.pdf`, pageSize: o.paper ?? n.paper ?? 'A4' });
}
