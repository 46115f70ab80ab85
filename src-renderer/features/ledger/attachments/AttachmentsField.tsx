// 附件 of a voucher: supporting documents (发票, 收据 photos or scans, PDFs) added from files, shown as thumbnails or
// name and size, opened in a viewer, removed while the voucher is editable; read-only once it is not (SPEC L-S1–L-S3).
import { useRef, useState } from 'react';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_MAX, fileSizeText, isImageAttachment } from '../../../../shared/domain/ledger/attachments';
import type { VoucherAttachment } from '../../../../shared/domain/ledger/types';
import { getBridge } from '../../../bridge';
import { bytesToBase64 } from '../../../db/blobs';
import { exportFileBase, reportOutcome } from '../../../export';
import { Dialog } from '../../../ui/Dialog';
import { attachRefusalText, MISSING_TEXT } from './attachment-messages';
import { prepareFile } from './prepare';
import { useBlobStore, useBlobUrl } from './use-blobs';

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';
const IMAGE_FILE = /^image\/(jpeg|png|webp)$/;

function Preview({ attachment }: { attachment: VoucherAttachment }) {
  const state = useBlobUrl(attachment.hash);
  if (state.status === 'missing') {
    return (
      <span className="muted" data-testid="attachment-missing">
        {MISSING_TEXT}
      </span>
    );
  }
  if (!isImageAttachment(attachment)) return <span className="badge">PDF</span>;
  if (state.status === 'loading') return <span className="muted">…</span>;
  return <img src={state.url} alt={attachment.name} data-testid="attachment-thumb" />;
}

function Viewer({ attachment, onClose }: { attachment: VoucherAttachment; onClose: () => void }) {
  const store = useBlobStore();
  const [attempt, setAttempt] = useState(0);
  const state = useBlobUrl(attachment.hash, attempt);
  const save = () =>
    reportOutcome(async () => {
      const r = await store.getBlob(attachment.hash);
      if (!r.ok) return { ok: false, error: { code: 'IO' } };
      const ext = attachment.mime === 'application/pdf' ? 'pdf' : attachment.mime.slice(6).replace('jpeg', 'jpg');
      return getBridge()['file:save']({
        defaultName: exportFileBase(attachment.name),
        content: bytesToBase64(r.value.bytes),
        encoding: 'base64',
        filters: [{ name: attachment.mime === 'application/pdf' ? 'PDF' : '图片', extensions: [ext] }],
      });
    });
  return (
    <Dialog title={attachment.name} onClose={onClose} wide testId="attachment-viewer">
      <p className="muted">{fileSizeText(attachment.size)}</p>
      {state.status === 'missing' && (
        <p className="form-error" role="alert" data-testid="attachment-viewer-missing">
          {MISSING_TEXT}：请登录同步服务器并联网后重试。{' '}
          <button type="button" className="link" onClick={() => setAttempt((n) => n + 1)}>
            重试
          </button>
        </p>
      )}
      {state.status === 'loading' && <p className="muted">正在读取……</p>}
      {state.status === 'ready' &&
        (isImageAttachment(attachment) ? (
          <img src={state.url} alt={attachment.name} style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }} data-testid="attachment-image" />
        ) : (
          <p className="muted">PDF 文件请保存到本机后用 PDF 阅读器打开查看或打印。</p>
        ))}
      <div className="form-actions">
        {state.status === 'ready' && (
          <button type="button" onClick={() => void save()} data-testid="attachment-save">
            保存到本机
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          关闭
        </button>
      </div>
    </Dialog>
  );
}

export function AttachmentsField({
  attachments,
  editable,
  onChange,
}: {
  attachments: readonly VoucherAttachment[];
  editable: boolean;
  onChange: (next: VoucherAttachment[]) => void;
}) {
  const store = useBlobStore();
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [viewing, setViewing] = useState<VoucherAttachment | null>(null);

  const add = async (files: readonly File[]): Promise<void> => {
    setBusy(true);
    const messages: string[] = [];
    const next = [...attachments];
    try {
      for (const file of files) {
        const name = file.name.trim() || '附件';
        if (next.length >= ATTACHMENTS_MAX) {
          messages.push(attachRefusalText(name, { code: 'TOO_MANY' }));
          continue;
        }
        // Not read at all when it is too large and no photo that could be scaled down.
        if (file.size > ATTACHMENT_MAX_BYTES && !IMAGE_FILE.test(file.type)) {
          messages.push(attachRefusalText(name, { code: 'FILE_TOO_LARGE' }));
          continue;
        }
        const prepared = await prepareFile(file);
        // A photo that could not be made smaller enough is refused without reading it.
        if (prepared.data.size > ATTACHMENT_MAX_BYTES) {
          messages.push(attachRefusalText(name, { code: 'FILE_TOO_LARGE' }));
          continue;
        }
        const r = await store.putBlob(prepared.data);
        if (!r.ok) {
          messages.push(attachRefusalText(name, r.error));
          continue;
        }
        if (next.some((a) => a.hash === r.value.hash)) {
          messages.push(attachRefusalText(name, { code: 'ALREADY_ATTACHED' }));
          continue;
        }
        next.push({ hash: r.value.hash, name: prepared.name, mime: r.value.mime, size: r.value.size });
      }
    } finally {
      setBusy(false);
    }
    if (next.length !== attachments.length) onChange(next);
    setErrors(messages);
  };

  return (
    <section className="voucher-attachments" data-testid="voucher-files" aria-label="附件">
      <h3 className="muted" style={{ fontSize: 14, margin: '12px 0 6px' }}>
        附件（发票、收据的照片或扫描件）
      </h3>
      {attachments.length === 0 ? (
        <p className="muted" data-testid="attachments-empty">
          {editable ? '还没有附件。' : '没有附件。'}
        </p>
      ) : (
        <ul className="log-photos" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {attachments.map((a) => (
            <li key={a.hash} className="photo-thumb" data-testid="attachment" data-hash={a.hash} style={{ flexDirection: 'column', alignItems: 'flex-start', maxWidth: 160 }}>
              <button type="button" className="link" onClick={() => setViewing(a)} aria-label={`查看 ${a.name}`} data-testid="attachment-open">
                <Preview attachment={a} />
              </button>
              <span data-testid="attachment-name" style={{ overflowWrap: 'anywhere' }}>
                {a.name}
              </span>
              <span className="muted">{fileSizeText(a.size)}</span>
              {editable && (
                <button type="button" className="link" onClick={() => onChange(attachments.filter((x) => x.hash !== a.hash))} aria-label={`移除 ${a.name}`} data-testid="attachment-remove">
                  移除
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <p>
          <button type="button" disabled={busy} onClick={() => input.current?.click()} data-testid="attachment-add">
            {busy ? '正在添加……' : '添加附件'}
          </button>{' '}
          <span className="muted">图片（JPG、PNG、WEBP）或 PDF，每个不超过 5 MB；较大的照片会自动压缩。</span>
          <input
            ref={input}
            type="file"
            multiple
            accept={ACCEPT}
            hidden
            aria-label="选择附件文件"
            data-testid="attachment-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length > 0) void add(files);
            }}
          />
        </p>
      )}
      {errors.map((e) => (
        <p key={e} className="form-error" role="alert" data-testid="attachment-error">
          {e}
        </p>
      ))}
      {viewing && <Viewer attachment={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}
