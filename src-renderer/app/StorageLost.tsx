// The full-page screens for a lost or unreadable local database on a PC that held the compound's data (issue #15,
// "Storage loss"): say what happened and why it may have, and offer the ways back instead of starting empty.
import { useState } from 'react';
import type { HeldDataMarker } from '../../shared/domain/storage';
import type { LinliDatabase } from '../db/database';
import { removeLocalDatabase } from '../db/held-data';
import { classifyWriteError } from '../db/write-error';
import { Dialog } from '../ui/Dialog';
import { continueAsNewPc, prepareResync, type RestoreCandidate, type RestoreSource } from './storage-check';

/** 「2026年11月28日 17:00」 in China's time, whatever the PC's zone. */
function whenText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const part = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${part('year')}年${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`;
}

/** One sentence on what the marker remembers. */
export function heldDataText(marker: HeldDataMarker): string {
  const what = marker.via === 'sync' ? '同步' : '备份';
  const compound = marker.compoundCode === null ? '' : `小区代码 ${marker.compoundCode}，`;
  return `本机曾于 ${whenText(marker.at)} ${what}过数据（${compound}约 ${marker.docCount.toLocaleString('zh-CN')} 条记录）。`;
}

function WhyItHappens() {
  return (
    <>
      <p>可能的原因：</p>
      <ul>
        <li>浏览器数据被清除（例如清理工具或“清除浏览数据”删除了网站数据）；</li>
        <li>磁盘故障或系统还原，保存数据的文件损坏或丢失；</li>
        <li>换了电脑账户或重装了系统，程序打开的是另一个账户下的空白数据。</li>
      </ul>
    </>
  );
}

type Step =
  | { kind: 'choose' }
  | { kind: 'busy'; text: string }
  | { kind: 'preview'; candidate: RestoreCandidate }
  | { kind: 'confirm-new' };

/**
 * The database opened empty, but this PC synced or backed up before (verdict 'lost'). Nothing starts until the user
 * picks a way: restore the latest backup, sync everything again, or continue blank after a confirmation.
 * `onContinue(hash)` starts the app (at `hash` when given).
 */
export function StorageLost({
  db,
  marker,
  restore,
  onContinue,
}: {
  db: LinliDatabase;
  marker: HeldDataMarker;
  restore: RestoreSource | null;
  onContinue: (hash?: string) => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);

  const findBackup = async () => {
    if (!restore) return;
    setError(null);
    setStep({ kind: 'busy', text: '正在读取备份……' });
    const r = await restore.find();
    if (!r.ok) {
      setError(r.error.message);
      setStep({ kind: 'choose' });
    } else if (r.value === null) {
      if (restore.kind === 'latest') setError('本机的备份文件夹里没有找到备份。可以选择「重新同步」，或用其他电脑、U盘里的备份文件恢复。');
      setStep({ kind: 'choose' });
    } else {
      setStep({ kind: 'preview', candidate: r.value });
    }
  };

  const applyBackup = async (candidate: RestoreCandidate) => {
    setError(null);
    setStep({ kind: 'busy', text: '正在恢复备份，请不要关闭程序……' });
    // Checkpoints were reset at start (an empty database keeps none); the restore may set its own.
    const r = await candidate.apply();
    if (r.ok) onContinue();
    else {
      setError(r.error.message);
      setStep({ kind: 'choose' });
    }
  };

  const resync = async () => {
    setError(null);
    setStep({ kind: 'busy', text: '正在准备重新同步……' });
    const { signedIn } = await prepareResync(db);
    // Signed in: sync starts with the app and pulls everything. Signed out: log in under 设置 → 同步服务器 first.
    onContinue(signedIn ? undefined : '#/settings');
  };

  const startBlank = async () => {
    setStep({ kind: 'busy', text: '正在准备……' });
    await continueAsNewPc(db);
    onContinue();
  };

  const busy = step.kind === 'busy';
  return (
    <div className="fullpage" role="alert" data-testid="storage-lost">
      <div className="fullpage-box">
        <h1>本机的数据不见了</h1>
        <p>{heldDataText(marker)}但现在本机数据库是空的。为避免误以为这是一台新电脑，程序暂不进入工作台。</p>
        <WhyItHappens />
        <p>数据通常还能找回：从最近的备份恢复，或者登录同步服务器重新下载本小区的全部数据。</p>
        {error !== null && (
          <p className="danger-text" data-testid="storage-lost-error">
            {error}
          </p>
        )}
        {busy && (
          <p role="status" data-testid="storage-lost-busy">
            {step.text}
          </p>
        )}
        {step.kind === 'preview' ? (
          <div data-testid="restore-preview">
            <p>
              <strong>{step.candidate.title}</strong>
            </p>
            <ul>
              {step.candidate.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            <div className="form-actions">
              <button type="button" className="primary" onClick={() => void applyBackup(step.candidate)}>
                恢复这份备份
              </button>
              <button type="button" onClick={() => setStep({ kind: 'choose' })}>
                返回
              </button>
            </div>
          </div>
        ) : (
          <div className="form-actions">
            {restore !== null && (
              <button type="button" className="primary" disabled={busy} onClick={() => void findBackup()} data-testid="storage-lost-restore">
                {restore.kind === 'latest' ? '从最近的备份恢复' : '从备份文件恢复'}
              </button>
            )}
            <button type="button" className={restore === null ? 'primary' : undefined} disabled={busy} onClick={() => void resync()} data-testid="storage-lost-resync">
              重新同步
            </button>
            <button type="button" disabled={busy} onClick={() => setStep({ kind: 'confirm-new' })} data-testid="storage-lost-blank">
              作为新电脑继续（空白）
            </button>
          </div>
        )}
        <p className="muted">重新同步：需要能连上同步服务器；本机没有登录时，会先打开“设置 → 同步服务器”登录，登录后自动下载全部数据。</p>
      </div>
      {step.kind === 'confirm-new' && (
        <Dialog title="作为新电脑继续？" onClose={() => setStep({ kind: 'choose' })} testId="storage-lost-confirm">
          <p className="dialog-text">
            程序将以空白数据进入工作台，并不再提示数据丢失。以前的记录不会自动回来；如果本机仍登录着同步服务器，服务器上的数据会重新下载。
          </p>
          <p className="dialog-text">确定这台电脑以前没有需要保留的数据吗？</p>
          <div className="form-actions">
            <button type="button" className="primary danger" onClick={() => void startBlank()}>
              确定，作为新电脑继续
            </button>
            <button type="button" onClick={() => setStep({ kind: 'choose' })}>
              取消
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/**
 * The database did not open, and this PC synced or backed up before (verdict 'unreadable'): the plain "cannot open"
 * advice plus what was held, and — only after retries, with a confirmation — removing the unreadable database so
 * that the next start can restore or sync into a new one.
 */
export function StorageUnreadable({ marker, error, dbName }: { marker: HeldDataMarker; error: unknown; dbName: string }) {
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const diskFull = classifyWriteError(error) === 'QUOTA_EXCEEDED';
  const noIndexedDb = typeof indexedDB === 'undefined';
  const remove = async () => {
    if (await removeLocalDatabase(dbName)) window.location.reload();
    else {
      setConfirming(false);
      setFailed(true);
    }
  };
  return (
    <div className="fullpage" role="alert" data-testid="storage-unreadable">
      <div className="fullpage-box">
        <h1>本机的数据打不开了</h1>
        <p>{heldDataText(marker)}但现在程序无法读取本机数据库。</p>
        {noIndexedDb ? (
          <p>当前浏览器不允许网站保存数据（可能处于无痕模式，或在设置中禁止了网站数据）。请换用正常窗口，或使用邻里工作台桌面版。</p>
        ) : diskFull ? (
          <p>磁盘空间不足，无法打开数据。已保存的数据不受影响，请清理磁盘后重新打开程序。</p>
        ) : (
          <>
            <WhyItHappens />
            <p>也可能是程序同时打开了多个不同版本。请先关闭其他邻里工作台窗口后点击「重试」。</p>
          </>
        )}
        {failed && <p className="danger-text">没能清除本机数据库。请重新启动电脑后再试，或联系技术支持。</p>}
        <div className="form-actions">
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            重试
          </button>
          {!noIndexedDb && !diskFull && (
            <button type="button" onClick={() => setConfirming(true)} data-testid="storage-unreadable-remove">
              清除无法读取的本机数据，然后恢复或重新同步
            </button>
          )}
        </div>
        <details>
          <summary>技术信息</summary>
          <pre>{error instanceof Error ? `${error.name}: ${error.message}` : String(error)}</pre>
        </details>
      </div>
      {confirming && (
        <Dialog title="清除本机数据库？" onClose={() => setConfirming(false)}>
          <p className="dialog-text">
            只有在多次「重试」仍然失败时才这样做。本机数据库将被删除，本机尚未同步、也没有备份过的修改将永久丢失。之后程序会重新打开，可以从备份恢复或重新同步。
          </p>
          <div className="form-actions">
            <button type="button" className="primary danger" onClick={() => void remove()}>
              确定清除
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              取消
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
