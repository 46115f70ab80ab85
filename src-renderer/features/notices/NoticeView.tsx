// One notice (#/notices/<id>): a draft's form beside its print preview; an issued notice read-only, with 打印 (copies),
// 保存为PDF, 撤下 (reason) and 发布新公告取代本公告; the banners that matter — the 文号 awaiting the server's
// confirmation, a 文号 another PC took first (重新编号, then print again), the data it was generated from changed.
import { useMemo, useState, type ReactNode } from 'react';
import { formatDateCn } from '../../../shared/domain/common/dates';
import { issueNumberText, noticeDisplayStatus } from '../../../shared/domain/notices/lifecycle';
import { publicNoticeUrl, shortCodeText } from '../../../shared/domain/notices/public';
import type { NoticeDoc } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { useSettings } from '../../db/hooks';
import { Dialog } from '../../ui/Dialog';
import { FormError, TextAreaField } from '../../ui/fields';
import { useUiStore } from '../../ui/ui-store';
import { issuerChoices } from './form';
import { useNoticeActor, useNotices, useRejectedNotices, useServerUrl, useSyncState, useToday } from './hooks';
import { ISSUE_NO_PENDING, ISSUE_NO_REPRINT, ISSUE_NO_TAKEN_TITLE, SOURCE_CHANGED, actionErrorText, writeErrorText } from './messages';
import { IssueNumber, kindLabel, momentText, periodText, StatusBadge } from './NoticeBits';
import { NoticeForm } from './NoticeForm';
import { NoticePreview, PrintBox, usePrintOptions } from './NoticePrint';
import { markPredecessor, renumber, supersede, withdraw, type NoticeFailure } from './notices-writes';
import { noticeHash, noticesHash } from './route';
import { useSourceCheck } from './source';

const failText = (f: NoticeFailure): string =>
  f.kind === 'write' ? writeErrorText(f.error) : f.kind === 'rule' ? actionErrorText(f.error) : f.problems[0] ? actionErrorText(f.problems[0]) : '';

const cn = (d: string | undefined): string => (d ? (formatDateCn(d) ?? d) : '');

function WithdrawDialog({ notice, onClose }: { notice: NoticeDoc; onClose: () => void }) {
  const db = useDatabase();
  const actor = useNoticeActor();
  const showToast = useUiStore((s) => s.showToast);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (busy) return;
    if (reason.trim() === '') return setError('请填写撤下原因。');
    setBusy(true);
    const r = await withdraw(db, notice.id, reason, actor);
    setBusy(false);
    if (!r.ok) {
      if (r.error.kind === 'rule' && r.error.error.code === 'REASON_REQUIRED') return setError('请填写撤下原因。');
      return setFormError(failText(r.error));
    }
    showToast('公告已撤下');
    onClose();
  }
  return (
    <Dialog title="撤下公告" onClose={onClose} testId="withdraw-dialog">
      <p className="dialog-text">撤下后，公告不再在公告栏公示，居民核验时会看到「已撤下」。请填写原因以备查。</p>
      <TextAreaField label="撤下原因" name="withdrawReason" rows={3} value={reason} onChange={(v) => (setReason(v), setError(undefined))} error={error} required />
      <FormError text={formError} />
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          取消
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void submit()} data-testid="confirm-withdraw">
          确认撤下
        </button>
      </div>
    </Dialog>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The banners above an issued notice: 文号 pending, refused by the server, source data changed. */
function IssuedBanners({ notice, all }: { notice: NoticeDoc; all: readonly NoticeDoc[] }) {
  const db = useDatabase();
  const sync = useSyncState();
  const rejected = useRejectedNotices().get(notice.id);
  const goTo = useUiStore((s) => s.goTo);
  const source = useSourceCheck(notice);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Refused for its 文号 — until renumbered: another notice here holds the number, or nothing changed since.
  const clash = all.some(
    (x) => x.id !== notice.id && (x.status === 'issued' || x.status === 'withdrawn') && x.issuerKey === notice.issuerKey && x.issueYear === notice.issueYear && x.issueSeq === notice.issueSeq,
  );
  const taken = rejected !== undefined && rejected.rule === 'ISSUE_NO_TAKEN' && notice.status !== 'draft' && (clash || notice.updatedAt <= rejected.at);
  const unsynced = notice.status === 'issued' && (notice.sync?.dirty === true || (notice.sync?.seq ?? 0) === 0);

  async function doRenumber() {
    setBusy(true);
    const r = await renumber(db, notice.id);
    setBusy(false);
    if (r.ok) setMessage(`已重新编号为 ${issueNumberText(r.value)}。${ISSUE_NO_REPRINT}。`);
    else if (r.error.kind === 'rule' && r.error.error.code === 'ISSUED_IMMUTABLE') setMessage('本机还没有收到占用该文号的公告：请先同步（立即同步），再重新编号。');
    else setMessage(failText(r.error));
  }

  async function regenerate() {
    if (!source.regenerate) return;
    setBusy(true);
    const content = await source.regenerate();
    const r = content ? await supersede(db, notice.id, content) : null;
    setBusy(false);
    if (!r) return setMessage('无法从数据重新生成公告：所依据的数据已不在本机。');
    if (!r.ok) return setMessage(failText(r.error));
    goTo(noticeHash(r.value.id));
  }

  const successor = notice.supersededBy ? all.find((n) => n.id === notice.supersededBy) : undefined;
  const predecessor = notice.supersedes ? all.find((n) => n.id === notice.supersedes) : undefined;
  // Issued, but the old notice was not marked (that second write failed): offered again.
  const unmarked = notice.status === 'issued' && predecessor !== undefined && predecessor.status !== 'draft' && predecessor.supersededBy === undefined;

  async function doMark() {
    setBusy(true);
    const r = await markPredecessor(db, notice);
    setBusy(false);
    setMessage(r.ok ? '原公告已标记为被本公告取代。' : failText(r.error));
  }
  return (
    <>
      {taken && (
        <div className="notice-banner notice-banner-error" role="alert" data-testid="issue-no-taken">
          <strong>{ISSUE_NO_TAKEN_TITLE}</strong>
          <span>
            {issueNumberText(notice)} 已被其他电脑先发布的公告占用，服务器未接受本公告。{ISSUE_NO_REPRINT}（重新编号后）。
          </span>
          <button type="button" disabled={busy} onClick={() => void doRenumber()} data-testid="renumber">
            重新编号
          </button>
        </div>
      )}
      {!taken && unsynced && sync.signedIn && (
        <p className="notice-banner" data-testid="issue-no-pending">
          {ISSUE_NO_PENDING}
        </p>
      )}
      {!taken && notice.status === 'issued' && !sync.signedIn && (
        <p className="notice-banner muted" data-testid="issue-no-local">
          本机未登录同步服务器：文号只在本机编排，登录同步后才与其他电脑核对；居民扫码核验要在同步后才能看到本公告。
        </p>
      )}
      {message && (
        <p className="notice-banner" role="status" data-testid="renumber-status">
          {message}
        </p>
      )}
      {source.changed && notice.status === 'issued' && !notice.supersededBy && (
        <div className="notice-banner notice-banner-warn" data-testid="source-changed">
          <strong>{SOURCE_CHANGED}</strong>
          <span>
            本公告发布后，{source.what}已有变动，公告内容与现在的数据不一致。
            {source.regenerate ? '可按最新数据生成新公告取代本公告。' : `${source.what === '账簿' ? '所依据的账期已反结账，重新结账后' : '数据恢复完整后'}才能按最新数据重新生成。`}
          </span>
          {source.regenerate && (
            <button type="button" disabled={busy} onClick={() => void regenerate()} data-testid="regenerate-notice">
              按最新数据生成新公告
            </button>
          )}
        </div>
      )}
      {notice.supersededBy && (
        <p className="notice-banner notice-banner-warn" data-testid="superseded-by">
          本公告已被{' '}
          <a href={noticeHash(notice.supersededBy)}>{successor ? `《${successor.title}》${issueNumberText(successor) ? `（${issueNumberText(successor)}）` : ''}` : '新公告'}</a> 取代
          {notice.status === 'issued' ? '，请从公告栏撤下旧纸张。' : '。'}
        </p>
      )}
      {notice.supersedes && (
        <p className="notice-banner muted" data-testid="supersedes">
          本公告取代{' '}
          <a href={noticeHash(notice.supersedes)}>{predecessor ? `《${predecessor.title}》${issueNumberText(predecessor) ? `（${issueNumberText(predecessor)}）` : ''}` : '原公告'}</a>
          {notice.status === 'draft' ? '；发布后，原公告的核验页将指向本公告。' : '。'}
          {unmarked && (
            <button type="button" disabled={busy} onClick={() => void doMark()} data-testid="mark-predecessor">
              标记原公告已被取代
            </button>
          )}
        </p>
      )}
    </>
  );
}

function IssuedNotice({ notice }: { notice: NoticeDoc }) {
  const db = useDatabase();
  const goTo = useUiStore((s) => s.goTo);
  const serverUrl = useServerUrl();
  const [withdrawing, setWithdrawing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const options = usePrintOptions(notice);
  const issuedNow = notice.status === 'issued';

  async function makeSuccessor() {
    const r = await supersede(db, notice.id);
    if (!r.ok) return setMessage(failText(r.error));
    goTo(noticeHash(r.value.id));
  }

  return (
    <div className="notice-layout">
      <div className="notice-side">
        <dl className="facts notice-facts" data-testid="notice-facts">
          <Fact label="类别">{kindLabel(notice)}</Fact>
          <Fact label="文号" testId="notice-number">
            <IssueNumber n={notice} />
          </Fact>
          <Fact label="落款">{(notice.issuers ?? []).join('、')}</Fact>
          <Fact label="成文日期">{cn(notice.issueDate)}</Fact>
          <Fact label="公示期" testId="notice-period">
            {periodText(notice) || '—'}
          </Fact>
          {notice.addressees && <Fact label="主送">{notice.addressees}</Fact>}
          {(notice.contactName || notice.contactPhone) && <Fact label="联系人">{[notice.contactName, notice.contactPhone].filter(Boolean).join(' ')}</Fact>}
          {(notice.attachmentNames ?? []).length > 0 && <Fact label="附件">{(notice.attachmentNames ?? []).join('；')}</Fact>}
          <Fact label="发布">{`${momentText(notice.issuedAt)} ${notice.issuedBy ?? ''}`}</Fact>
          {notice.status === 'withdrawn' && <Fact label="撤下">{`${momentText(notice.withdrawnAt)} ${notice.withdrawnBy ?? ''}：${notice.withdrawReason ?? ''}`}</Fact>}
          <Fact label="公开核验" testId="notice-public">
            {notice.public && notice.publicCode ? (
              <>
                <span className="mono" data-testid="public-code">
                  {shortCodeText(notice.publicCode)}
                </span>
                {serverUrl && (
                  <>
                    {' '}
                    <a href={publicNoticeUrl(serverUrl, notice.publicCode)} target="_blank" rel="noreferrer" data-testid="public-link">
                      核验页
                    </a>
                  </>
                )}
              </>
            ) : (
              '不公开'
            )}
          </Fact>
          <Fact label="打印">{(notice.prints ?? []).length > 0 ? `${notice.prints?.length ?? 0} 次，共 ${(notice.prints ?? []).reduce((s, p) => s + p.copies, 0)} 份` : '尚未打印'}</Fact>
        </dl>
        {issuedNow && <PrintBox notice={notice} options={options} />}
        {message && (
          <p className="form-error" role="alert">
            {message}
          </p>
        )}
        {issuedNow && (
          <div className="form-actions notice-actions">
            {!notice.supersededBy && (
              <button type="button" onClick={() => void makeSuccessor()} data-testid="supersede-notice">
                发布新公告取代本公告
              </button>
            )}
            <button type="button" className="danger-text" onClick={() => setWithdrawing(true)} data-testid="withdraw-notice">
              撤下
            </button>
          </div>
        )}
        <p className="muted">已发布的公告不能修改。如内容有误，请发布新公告取代本公告。</p>
      </div>
      <NoticePreview notice={notice} options={options} />
      {withdrawing && <WithdrawDialog notice={notice} onClose={() => setWithdrawing(false)} />}
    </div>
  );
}

function DraftNotice({ notice, all }: { notice: NoticeDoc; all: readonly NoticeDoc[] }) {
  const settings = useSettings();
  const profile = settings.status === 'ready' ? settings.data : undefined;
  const choices = useMemo(() => issuerChoices(profile), [profile]);
  const [shown, setShown] = useState<NoticeDoc>(notice);
  const options = usePrintOptions(shown);
  if (settings.status === 'loading') return <p className="muted">正在加载……</p>;
  return (
    <>
      <IssuedBanners notice={notice} all={all} />
      <div className="notice-layout">
        <div className="notice-side">
          <NoticeForm notice={notice} choices={choices} onInput={setShown} />
        </div>
        <NoticePreview notice={shown} options={options} />
      </div>
    </>
  );
}

export function NoticeView({ id }: { id: string }) {
  const notices = useNotices();
  const today = useToday();
  const all = notices.status === 'ready' ? notices.data : [];
  const notice = all.find((n) => n.id === id);
  let body: ReactNode;
  if (notices.status === 'loading') body = <p className="muted">正在打开公告……</p>;
  else if (!notice)
    body = (
      <p className="empty" data-testid="notice-missing">
        找不到这份公告：可能已被删除，或尚未同步到本机。
      </p>
    );
  // A draft's form is keyed by its revision's issue state: once issued (here or by sync) the read-only view replaces it.
  else if (notice.status === 'draft') body = <DraftNotice key={`${notice.id}:draft`} notice={notice} all={all} />;
  else
    body = (
      <>
        <IssuedBanners notice={notice} all={all} />
        <IssuedNotice notice={notice} />
      </>
    );
  return (
    <div className="page notice-page" data-testid="notice-view" data-id={id}>
      <a className="back-link" href={noticesHash({ tab: notice?.status === 'draft' ? 'drafts' : 'board' })}>
        ← 公告列表
      </a>
      {notice && (
        <header className="page-header notice-head">
          <h1 data-testid="notice-heading">{notice.title}</h1>
          <p className="page-sub">
            {kindLabel(notice)} · <StatusBadge status={noticeDisplayStatus(notice, today)} />
            {issueNumberText(notice) && <> · {issueNumberText(notice)}</>}
          </p>
        </header>
      )}
      {body}
    </div>
  );
}
