// The lists of 公告打印: 在贴公告 (on the board now, and — highlighted — what must come down), 全部公告 with kind and
// status filters, 草稿, and the log of every issue, print and withdrawal.
import { useMemo, useState, type ReactNode } from 'react';
import { isOnBoard, mustComeDown, NOTICE_KIND_LABEL, NOTICE_STATUS_LABEL, noticeDisplayStatus, type NoticeDisplayStatus } from '../../../shared/domain/notices/lifecycle';
import { issueNumberText } from '../../../shared/domain/notices/lifecycle';
import { NOTICE_KINDS, type NoticeDoc, type NoticeKind } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { deviceId } from '../../db/device';
import { useUiStore } from '../../ui/ui-store';
import { useNoticeActor } from './hooks';
import { IssueNumber, kindLabel, momentText, periodText, StatusBadge } from './NoticeBits';
import { writeErrorText, actionErrorText } from './messages';
import { deleteDraft, withdraw, type NoticeFailure } from './notices-writes';
import { noticeHash, NOTICE_DISPLAY_STATUSES, showNotices } from './route';

const failText = (f: NoticeFailure): string =>
  f.kind === 'write' ? writeErrorText(f.error) : f.kind === 'rule' ? actionErrorText(f.error) : actionErrorText(f.problems[0] ?? { code: 'NOT_DRAFT' });

type Row = { readonly n: NoticeDoc; readonly status: NoticeDisplayStatus };

function NoticeTable({ rows, empty, action, testId }: { rows: readonly Row[]; empty: string; action?: (r: Row) => ReactNode; testId: string }) {
  if (rows.length === 0)
    return (
      <p className="empty" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>标题</th>
          <th>类别</th>
          <th>文号</th>
          <th>公示期</th>
          <th>状态</th>
          {action && <th />}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.n.id} data-testid="notice-row" data-id={r.n.id} data-status={r.status}>
            <td>
              <a href={noticeHash(r.n.id)} data-testid="notice-title">
                {r.n.title}
              </a>
            </td>
            <td>{kindLabel(r.n)}</td>
            <td className="cell-nowrap">
              <IssueNumber n={r.n} />
            </td>
            <td>{periodText(r.n) || <span className="muted">—</span>}</td>
            <td>
              <StatusBadge status={r.status} testId="notice-row-status" />
            </td>
            {action && <td className="cell-actions">{action(r)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 在贴公告: 公示中 and 已发布 papers, and those to take down (已到期, 已被取代) with 已撤下. */
export function BoardTab({ notices, today }: { notices: readonly NoticeDoc[]; today: string }) {
  const db = useDatabase();
  const actor = useNoticeActor();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { down, up } = useMemo(() => {
    const issued = notices.filter((n) => n.status === 'issued');
    return {
      down: issued.filter((n) => mustComeDown(n, today)).map((n) => ({ n, status: noticeDisplayStatus(n, today) })),
      up: issued
        .map((n) => ({ n, status: noticeDisplayStatus(n, today) }))
        .filter((r) => isOnBoard(r.status))
        // 公示中 first, then those still to go up; each by the end of its 公示期.
        .sort((a, b) => (a.status === b.status ? 0 : a.status === 'posted' ? -1 : 1) || (a.n.postUntil ?? '9999').localeCompare(b.n.postUntil ?? '9999') || a.n.title.localeCompare(b.n.title, 'zh-CN')),
    };
  }, [notices, today]);

  async function takenDown(r: Row) {
    setBusy(r.n.id);
    const reason = r.status === 'superseded' ? '已被新公告取代，纸张已撤下' : '公示期满，纸张已撤下';
    const done = await withdraw(db, r.n.id, reason, actor);
    setBusy(null);
    setMessage(done.ok ? null : failText(done.error));
  }

  return (
    <>
      {message && (
        <p className="form-error" role="alert" data-testid="board-error">
          {message}
        </p>
      )}
      {down.length > 0 && (
        <section className="notice-takedown" data-testid="board-takedown" aria-labelledby="notices-takedown">
          <h2 id="notices-takedown" className="section-title warn-text">
            需撤下（{down.length}）
          </h2>
          <p className="muted">以下公告已过公示期或已被新公告取代，请从公告栏撤下纸张后点「已撤下」。</p>
          <NoticeTable
            rows={down}
            empty=""
            testId="takedown-list"
            action={(r) => (
              <button type="button" disabled={busy === r.n.id} onClick={() => void takenDown(r)} data-testid="taken-down">
                已撤下
              </button>
            )}
          />
        </section>
      )}
      <section aria-labelledby="notices-onboard">
        <h2 id="notices-onboard" className="section-title">
          在贴（{up.length}）
        </h2>
        <NoticeTable rows={up} empty="公告栏上没有在贴的公告。发布公告后，会在公示期内列在这里。" testId="board-list" />
      </section>
    </>
  );
}

/** 全部公告, filtered by kind and status (the filters live in the address). */
export function AllTab({ notices, today, kind, status }: { notices: readonly NoticeDoc[]; today: string; kind: NoticeKind | ''; status: NoticeDisplayStatus | '' }) {
  const rows = useMemo(
    () =>
      notices
        .map((n) => ({ n, status: noticeDisplayStatus(n, today) }))
        .filter((r) => (kind === '' || r.n.kind === kind) && (status === '' || r.status === status)),
    [notices, today, kind, status],
  );
  return (
    <>
      <div className="toolbar">
        <label className="toolbar-field">
          类别{' '}
          <select aria-label="按类别筛选" value={kind} onChange={(e) => showNotices({ tab: 'all', kind: e.target.value as NoticeKind | '', status })} data-testid="filter-kind">
            <option value="">全部类别</option>
            {NOTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {NOTICE_KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          状态{' '}
          <select
            aria-label="按状态筛选"
            value={status}
            onChange={(e) => showNotices({ tab: 'all', kind, status: e.target.value as NoticeDisplayStatus | '' })}
            data-testid="filter-status"
          >
            <option value="">全部状态</option>
            {NOTICE_DISPLAY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {NOTICE_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="notice-count">
          {rows.length === notices.length ? `共 ${notices.length} 份` : `${rows.length} / ${notices.length} 份`}
        </span>
      </div>
      <NoticeTable rows={rows} empty={notices.length === 0 ? '还没有公告。' : '没有符合筛选条件的公告。'} testId="all-list" />
    </>
  );
}

/** 草稿: not yet issued; deleted here when no longer wanted. */
export function DraftsTab({ notices }: { notices: readonly NoticeDoc[] }) {
  const db = useDatabase();
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const rows = useMemo(() => notices.filter((n) => n.status === 'draft').map((n) => ({ n, status: 'draft' as const })), [notices]);
  return (
    <>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      <NoticeTable
        rows={rows}
        empty="没有草稿。"
        testId="draft-list"
        action={(r) =>
          confirm === r.n.id ? (
            <>
              <button
                type="button"
                className="danger-text"
                onClick={() => void deleteDraft(db, r.n.id).then((d) => (setConfirm(null), setMessage(d.ok ? null : failText(d.error))))}
                data-testid="confirm-delete-draft"
              >
                确认删除
              </button>{' '}
              <button type="button" onClick={() => setConfirm(null)}>
                取消
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirm(r.n.id)} data-testid="delete-draft">
              删除
            </button>
          )
        }
      />
    </>
  );
}

type LogEvent = {
  readonly key: string;
  readonly at: string;
  readonly what: string;
  readonly n: NoticeDoc;
  readonly by: string;
  readonly device?: string | undefined;
  readonly copies?: number | undefined;
  readonly paper?: string | undefined;
};

/** Every issue, print (or PDF) and withdrawal, newest first: when, what, which notice, who, which PC, copies. */
export function LogTab({ notices }: { notices: readonly NoticeDoc[] }) {
  const here = useMemo(() => {
    try {
      return deviceId();
    } catch {
      return '';
    }
  }, []);
  const events = useMemo(() => {
    const out: LogEvent[] = [];
    for (const n of notices) {
      if (n.issuedAt) out.push({ key: `${n.id}:issue`, at: n.issuedAt, what: '发布', n, by: n.issuedBy ?? '' });
      (n.prints ?? []).forEach((p, i) =>
        out.push({ key: `${n.id}:print:${i}`, at: p.at, what: p.pdf ? '保存为PDF' : '打印', n, by: p.by, device: p.device, copies: p.copies, paper: p.paper }),
      );
      if (n.withdrawnAt) out.push({ key: `${n.id}:withdraw`, at: n.withdrawnAt, what: `撤下${n.withdrawReason ? `（${n.withdrawReason}）` : ''}`, n, by: n.withdrawnBy ?? '' });
    }
    return out.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.key.localeCompare(b.key)));
  }, [notices]);
  const goTo = useUiStore((s) => s.goTo);
  if (events.length === 0)
    return (
      <p className="empty" data-testid="notice-log-empty">
        还没有发布或打印记录。
      </p>
    );
  return (
    <table className="table compact" data-testid="notice-log">
      <thead>
        <tr>
          <th>时间</th>
          <th>事项</th>
          <th>公告</th>
          <th>文号</th>
          <th>操作人</th>
          <th>电脑</th>
          <th className="num">份数</th>
          <th>纸张</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.key} data-testid="log-row" data-notice={e.n.id}>
            <td className="cell-nowrap mono">{momentText(e.at)}</td>
            <td>{e.what}</td>
            <td>
              <button type="button" className="link-button" onClick={() => goTo(noticeHash(e.n.id))}>
                {e.n.title}
              </button>
            </td>
            <td className="cell-nowrap">{issueNumberText(e.n) || '—'}</td>
            <td>{e.by}</td>
            <td className="mono" title={e.device}>
              {e.device ? (e.device === here ? '本机' : e.device.slice(0, 8)) : ''}
            </td>
            <td className="num">{e.copies ?? ''}</td>
            <td>{e.paper ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
