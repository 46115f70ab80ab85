// Whether the data a notice was generated from has changed since (N35: its stored source.dataHash no longer matches
// the hash of the data now), and how to regenerate it, for 「所依据的数据已变化」 and the superseding notice built
// from the data as it is now. Live: a 更正 in 会议记录, a task's progress or a month reopened shows here at once.
//   决议公告 / 会议通知: the meeting record.  任务进展公示: the tasks it listed.  财务收支公示: the books of its span —
//   changed when their hash (the closed months' chain) differs, or the figures do at the 大额 threshold it printed.
import { useMemo } from 'react';
import { combineLatest, map, of, type Observable } from 'rxjs';
import type { LocalDate } from '../../../shared/domain/common/dates';
import { disclosureFigures, type DisclosureSpan } from '../../../shared/domain/ledger/disclosure';
import type { Account, LedgerPeriod, Voucher } from '../../../shared/domain/ledger/types';
import { voteOutcome, type Meeting, type Settings, type VoteOutcome } from '../../../shared/domain/minutes';
import { dataHashOf, sourceChanged, type GeneratedNotice } from '../../../shared/domain/notices/generate/common';
import { financeDataHash, financeNotice } from '../../../shared/domain/notices/generate/finance';
import { meetingNoticeDataHash } from '../../../shared/domain/notices/generate/meeting';
import { resolutionDataHash, resolutionSourceData } from '../../../shared/domain/notices/generate/resolution';
import { taskDataHash, taskProgressNotice } from '../../../shared/domain/notices/generate/task';
import type { Task } from '../../../shared/domain/tasks/types';
import { SETTINGS_ID, type NoticeDoc, type SettingsDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { useDatabase } from '../../db/context';
import { useObservable, useSettings } from '../../db/hooks';
import { DEFAULT_LARGE_ITEM_FEN, meetingContent, resolutionContent, spanOfSource } from './generate';
import { useToday } from './hooks';

export type SourceCheck = {
  readonly changed: boolean;
  /** What changed, as the sentence names it: 会议记录, 账簿, 任务. */
  readonly what: string;
  /** The notice's content regenerated from the data now (title, body, tables, source); null when it cannot be. */
  readonly regenerate: (() => Promise<Partial<NoticeDoc> | null>) | undefined;
};

const UNCHANGED: SourceCheck = { changed: false, what: '', regenerate: undefined };

const minutesSettings = (s: SettingsDoc | undefined): Settings => s ?? { id: SETTINGS_ID, createdAt: '', updatedAt: '', createdBy: '', updatedBy: '' };

/** The hash of a 决议公告's data as the meeting stands now (one decision, or the ones it listed); null when gone. */
export function resolutionHashNow(n: NoticeDoc, meeting: Meeting, settings: SettingsDoc | undefined): string | null {
  const s = minutesSettings(settings);
  const all = meeting.topics.flatMap((t) => t.resolutions ?? []);
  if (n.source?.resolutionId) {
    const r = all.find((x) => x.id === n.source?.resolutionId);
    return r ? resolutionDataHash(meeting, r, voteOutcome(meeting, r, s)) : null;
  }
  const ids = n.source?.resolutionIds ?? [];
  const outcomes: Record<string, VoteOutcome> = {};
  for (const r of all) if (ids.includes(r.id)) outcomes[r.id] = voteOutcome(meeting, r, s);
  return dataHashOf(resolutionSourceData(meeting, ids, outcomes));
}

/** The 大额 threshold a 财务收支公示 printed (its table's caption 单笔¥1,000.00及以上), in fen; null if it has none. */
export function printedThresholdFen(n: Pick<NoticeDoc, 'tables'>): number | null {
  for (const t of n.tables ?? []) {
    const m = /单笔¥([\d,]+)\.(\d{2})及以上/.exec(t.caption ?? '');
    if (m) return Number((m[1] ?? '0').replace(/,/g, '')) * 100 + Number(m[2]);
  }
  return null;
}

/** The content a superseding notice takes from regenerated data (the 落款, 文号 prefix and contacts stay). */
const regenerated = (g: GeneratedNotice): Partial<NoticeDoc> => ({ title: g.title, body: g.body, tables: g.tables, source: g.source });

type Probe = { readonly changed: boolean; readonly what: string; readonly regenerate: ((today: LocalDate) => Partial<NoticeDoc> | null) | null };

const plain = <T,>(docs: readonly { toJSON: () => unknown }[]): T[] => docs.map((d) => d.toJSON() as T);

/** The live data a generated notice came from, reduced to whether it changed and how to regenerate it. */
function probeOf(db: LinliDatabase, n: NoticeDoc, settings: SettingsDoc | undefined): Observable<Probe | null> {
  const src = n.source;
  if (!src?.dataHash) return of(null);
  if ((n.kind === 'resolution' || n.kind === 'meeting') && src.meetingId) {
    return db.meetings.findOne(src.meetingId).$.pipe(
      map((d): Probe => {
        const m = d ? (d.toJSON() as unknown as Meeting) : null;
        const hash = m ? (n.kind === 'meeting' ? meetingNoticeDataHash(m) : resolutionHashNow(n, m, settings)) : null;
        const regenerate = (today: LocalDate) => {
          if (!m) return null;
          const g = n.kind === 'meeting' ? meetingContent(m, settings, today) : resolutionContent(m, settings, today, src.resolutionId);
          return g.ok ? regenerated(g.value) : null;
        };
        return { changed: hash === null || sourceChanged(n, hash), what: '会议记录', regenerate: m ? regenerate : null };
      }),
    );
  }
  if (n.kind === 'task' && (src.taskIds ?? []).length > 0) {
    const ids = [...(src.taskIds ?? [])];
    return db.tasks.find({ selector: { id: { $in: ids } } }).$.pipe(
      map((docs): Probe => {
        const tasks = plain<Task>(docs);
        return {
          changed: tasks.length < ids.length || sourceChanged(n, taskDataHash(tasks)),
          what: '任务',
          regenerate: tasks.length > 0 ? (today) => regenerated(taskProgressNotice({ tasks, date: today, settings: settings ?? {}, issueDate: today })) : null,
        };
      }),
    );
  }
  const span: DisclosureSpan | null = n.kind === 'finance' ? spanOfSource(src) : null;
  if (span) {
    const printed = printedThresholdFen(n);
    return combineLatest([db.accounts.find().$, db.vouchers.find().$, db.periods.find().$]).pipe(
      map(([a, v, p]): Probe => {
        const book = { accounts: plain<Account>(a), vouchers: plain<Voucher>(v) };
        const d = disclosureFigures(book, plain<LedgerPeriod>(p), span, printed ?? DEFAULT_LARGE_ITEM_FEN);
        // A month reopened: changed, and nothing to regenerate until it is closed again.
        if (!d.ok) return { changed: true, what: '账簿', regenerate: null };
        const changed = (src.booksHash !== undefined && d.value.booksHash !== src.booksHash) || (printed !== null && sourceChanged(n, financeDataHash(d.value)));
        return { changed, what: '账簿', regenerate: (today) => regenerated(financeNotice({ disclosure: d.value, settings: settings ?? {}, issueDate: today })) };
      }),
    );
  }
  return of(null);
}

export function useSourceCheck(notice: NoticeDoc): SourceCheck {
  const db = useDatabase();
  const settings = useSettings();
  const today = useToday();
  const profile = settings.status === 'ready' ? settings.data : undefined;
  // Only issued notices are checked (a draft is simply regenerated or edited); re-subscribed when the source changes.
  const watched = notice.status === 'issued' && !notice.supersededBy ? notice : null;
  const key = watched ? `${watched.id}:${watched.kind}:${JSON.stringify(watched.source ?? null)}` : '';
  const source = useMemo(() => (watched ? probeOf(db, watched, profile) : of(null)), [db, key, profile]); // eslint-disable-line react-hooks/exhaustive-deps
  const probe = useObservable(source);
  return useMemo((): SourceCheck => {
    if (probe.status !== 'ready' || !probe.data || !probe.data.changed) return UNCHANGED;
    const { what, regenerate } = probe.data;
    return { changed: true, what, regenerate: regenerate ? async () => regenerate(today) : undefined };
  }, [probe, today]);
}
