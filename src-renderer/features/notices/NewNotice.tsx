// #/notices/new?from=…: the draft another section asked for (a meeting's 会议通知 or 决议公告, a closed span's 财务收支
// 公示, the 任务进展公示 of a task filter) is generated from the data on this PC and stored, then the address becomes
// the new notice's (Back does not make a second one). A draft already made from the same data is opened instead.
import { useEffect, useRef, useState } from 'react';
import { useDatabase } from '../../db/context';
import { useSettings } from '../../db/hooks';
import { useUiStore } from '../../ui/ui-store';
import { existingDraft, GENERATE_ERROR_TEXT, generateFrom, blankDraft } from './generate';
import { useToday } from './hooks';
import { writeErrorText } from './messages';
import { createNotice } from './notices-writes';
import { noticeHash, noticesHash } from './route';
import type { NoticeKind } from '../../../shared/schema';

/** Queries being turned into drafts now: a second mount (StrictMode, a quick Back/Forward) waits for the first. */
type Outcome = { readonly id: string } | { readonly error: string };
const inFlight = new Map<string, Promise<Outcome>>();

export function NewFromData({ query }: { query: Readonly<Record<string, string>> }) {
  const db = useDatabase();
  const settings = useSettings();
  const today = useToday();
  const replaceRoute = useUiStore((s) => s.replaceRoute);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const ready = settings.status !== 'loading';
  const profile = settings.status === 'ready' ? settings.data : undefined;

  useEffect(() => {
    if (!ready || started.current) return;
    started.current = true;
    const key = JSON.stringify(Object.entries(query).sort());
    let job = inFlight.get(key);
    if (!job) {
      job = (async (): Promise<Outcome> => {
        try {
          const open = await existingDraft(db, query);
          if (open) return { id: open };
          const made = await generateFrom(query, { db, settings: profile, today, id: crypto.randomUUID() });
          if (!made.ok) return { error: GENERATE_ERROR_TEXT[made.error] };
          const stored = await createNotice(db, made.value);
          if (!stored.ok) return { error: stored.error.kind === 'write' ? writeErrorText(stored.error.error) : '公告草稿未能保存。' };
          return { id: stored.value.id };
        } catch (e) {
          console.error('notice generation failed', e);
          return { error: GENERATE_ERROR_TEXT.READ_FAILED };
        }
      })();
      inFlight.set(key, job);
      void job.finally(() => setTimeout(() => inFlight.delete(key), 2000));
    }
    void job.then((outcome) => {
      if ('id' in outcome) replaceRoute(noticeHash(outcome.id));
      else setError(outcome.error);
    });
  }, [ready, db, query, profile, today, replaceRoute]);

  return (
    <div className="page notice-page" data-testid="notice-generating">
      <a className="back-link" href={noticesHash()}>
        ← 公告列表
      </a>
      {error ? (
        <p className="form-error" role="alert" data-testid="generate-error">
          {error}
        </p>
      ) : (
        <p className="muted">正在根据数据生成公告草稿……</p>
      )}
    </div>
  );
}

/** 新建公告: a blank draft of a kind, opened at once. */
export function useNewBlankNotice(): { create: (kind: NoticeKind) => Promise<void>; busy: boolean; error: string | null } {
  const db = useDatabase();
  const settings = useSettings();
  const today = useToday();
  const goTo = useUiStore((s) => s.goTo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function create(kind: NoticeKind) {
    setBusy(true);
    const profile = settings.status === 'ready' ? settings.data : undefined;
    const r = await createNotice(db, blankDraft(crypto.randomUUID(), kind, profile, today));
    setBusy(false);
    if (!r.ok) return setError(r.error.kind === 'write' ? writeErrorText(r.error.error) : '公告草稿未能保存。');
    setError(null);
    goTo(noticeHash(r.value.id));
  }
  return { create, busy, error };
}
