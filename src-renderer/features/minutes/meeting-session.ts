// Save-as-you-type for one open meeting record. The secretary types during the meeting, offline, and must never lose
// a keystroke, so:
// - every edit is a Mutation (a function of the latest document), queued under a key (the field it sets; a newer
//   edit of the same field replaces the queued one) and written within SAVE_DELAY_MS, however fast the typing goes
//   (a throttle, not a debounce that typing could postpone for ever);
// - the write is `incrementalModify` on the current revision, applying the queued functions to it: changes made
//   meanwhile on another PC (arriving by sync) or in another window are kept, never overwritten by a stale copy;
// - what the editor shows is the stored document with the queued edits applied, so saving never moves a caret or
//   flickers a field back to its old value;
// - a failed write (disk full) keeps the queued edits: they stay on screen and are written with the next change or
//   a retry, and nothing already stored changes.
// The owner flushes on pagehide / visibilitychange / beforeunload (use-meeting-session.ts).
import type { Subscription } from 'rxjs';
import type { RxDocument } from 'rxdb';
import type { Meeting, MeetingFieldError } from '../../../shared/domain/minutes';
import { validateMeeting } from '../../../shared/domain/minutes';
import { err, ok, type Result } from '../../../shared/result';
import type { MeetingDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { currentStamp } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';
import type { Mutation } from './meeting-edits';

/** At most this long between a keystroke and its write (plus the write itself). */
export const SAVE_DELAY_MS = 200;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export type SessionSnapshot = {
  /** What the editor shows: stored + queued edits. undefined while loading, null when there is no such meeting. */
  meeting: Meeting | null | undefined;
  /** The latest stored revision. */
  stored: Meeting | null | undefined;
  status: SaveStatus;
  error: WriteError | null;
};

/**
 * Problems a draft may keep for a while (a title typed later, a vote count still to come); they are shown, and 定稿
 * refuses while they remain. Every other problem the rules find is never stored: the edit that would cause it is
 * refused and its text stays in the input with the message ("nothing saved half-way").
 */
const SOFT_CODES: ReadonlySet<MeetingFieldError['code']> = new Set([
  'TITLE_REQUIRED',
  'TOPIC_TITLE_REQUIRED',
  'RESOLUTION_TEXT_REQUIRED',
  'ACTION_ITEM_TITLE_REQUIRED',
  'ATTENDEE_NAME_REQUIRED',
  'VOTE_COUNT_MISSING',
  'VOTE_AREA_MISSING',
  'VOTE_AREA_MISMATCH',
  'ROLL_CALL_AREA_MISSING',
  'MEMBERS_EXCEED_TOTAL',
]);

export const isBlocking = (e: MeetingFieldError): boolean => !SOFT_CODES.has(e.code);

const under = (path: string, prefixes: readonly string[]): boolean =>
  prefixes.some((p) => path === p || path.startsWith(`${p}.`));

/** The blocking problems of `m` at (or below) any of `paths`. */
export function blockingErrorsAt(m: Meeting, paths: readonly string[]): MeetingFieldError[] {
  if (paths.length === 0) return [];
  return validateMeeting(m).filter((e) => isBlocking(e) && under(e.path, paths));
}

const revisionHeight = (doc: RxDocument<MeetingDoc>): number => Number.parseInt(doc.revision, 10) || 0;

type Listener = () => void;

export class MeetingSession {
  private base: Meeting | null | undefined = undefined;
  private baseRev = -1;
  private inflight: [string, Mutation][] = [];
  private pending = new Map<string, Mutation>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<Result<true, WriteError>> = Promise.resolve(ok(true));
  private error: WriteError | null = null;
  private snapshot: SessionSnapshot = { meeting: undefined, stored: undefined, status: 'saved', error: null };
  private readonly listeners = new Set<Listener>();
  private sub: Subscription | null = null;
  private seq = 0;

  constructor(
    private readonly db: LinliDatabase,
    readonly meetingId: string,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {}

  /** Follows the stored document (changes from sync and other windows included). Idempotent. */
  start(): void {
    if (this.sub) return;
    this.sub = this.db.meetings.findOne(this.meetingId).$.subscribe({
      next: (doc) => {
        if (doc === null) {
          this.base = null;
          this.baseRev = -1;
        } else this.accept(doc);
        this.recompute();
      },
      error: (e: unknown) => console.error('meeting subscription failed', e),
    });
  }

  /** Stops following the document; queued edits are written first. */
  async stop(): Promise<void> {
    const r = this.flush();
    this.sub?.unsubscribe();
    this.sub = null;
    await r;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** The document as the editor shows it (stored + queued edits). */
  get current(): Meeting | null | undefined {
    return this.snapshot.meeting;
  }

  get hasUnsaved(): boolean {
    return this.pending.size > 0 || this.inflight.length > 0;
  }

  /**
   * Queues an edit of a draft, written within SAVE_DELAY_MS. `check`: paths whose blocking problems refuse the edit
   * (the first is returned and nothing is queued). A final record is never edited here.
   */
  edit(key: string, mutate: Mutation, check: readonly string[] = []): MeetingFieldError | null {
    const m = this.current;
    if (!m || m.status === 'final') return null;
    const next = mutate(m);
    if (next === m) return null; // already so
    const problem = blockingErrorsAt(next, check)[0];
    if (problem) return problem;
    // Checked again against the latest revision when written: a change from another PC may have made it invalid.
    const guarded: Mutation = (d) => {
      if (d.status === 'final') return d;
      const n = mutate(d);
      return n !== d && blockingErrorsAt(n, check).length > 0 ? d : n;
    };
    this.pending.delete(key);
    this.pending.set(key, guarded);
    this.recompute();
    this.schedule();
    return null;
  }

  /** An edit written at once (adding, removing, reordering, ticking attendance). */
  change(mutate: Mutation, check: readonly string[] = []): MeetingFieldError | null {
    const problem = this.edit(`change:${++this.seq}`, mutate, check);
    if (!problem) void this.flush();
    return problem;
  }

  /** A lifecycle action (定稿, 更正/补充), applied to the latest revision as it is and written at once. */
  act(mutate: Mutation): Promise<Result<true, WriteError>> {
    this.pending.set(`act:${++this.seq}`, mutate);
    this.recompute();
    return this.flush();
  }

  /** Writes everything queued now (serially after any write in progress). */
  flush(): Promise<Result<true, WriteError>> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.chain = this.chain.then(() => this.writeQueued());
    return this.chain;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  private accept(doc: RxDocument<MeetingDoc>): void {
    const rev = revisionHeight(doc);
    if (rev < this.baseRev) return; // an older emission after our own write's result
    this.baseRev = rev;
    this.base = doc.toJSON() as Meeting;
  }

  private async writeQueued(): Promise<Result<true, WriteError>> {
    if (this.pending.size === 0) return this.error ? err(this.error) : ok(true);
    const entries = [...this.pending];
    this.pending = new Map();
    this.inflight = entries;
    this.recompute();
    const stamp = currentStamp();
    const apply = (m: Meeting): Meeting => entries.reduce((d, [, f]) => f(d), m);
    const r = await attemptWrite(async () => {
      const doc = await this.db.meetings.findOne(this.meetingId).exec();
      if (!doc) return null;
      const latest = doc.toJSON() as Meeting;
      if (apply(latest) === latest) return doc; // nothing left to change
      return doc.incrementalModify((old) => {
        const next = apply(old as Meeting);
        return (next === old ? old : { ...next, updatedAt: stamp.at, updatedBy: stamp.by }) as typeof old;
      });
    });
    this.inflight = [];
    if (!r.ok) {
      // Kept, in order, before anything queued meanwhile (a newer value of the same field wins).
      const merged = new Map(entries);
      for (const [k, f] of this.pending) {
        merged.delete(k);
        merged.set(k, f);
      }
      this.pending = merged;
      this.error = r.error;
      this.recompute();
      return r;
    }
    this.error = null;
    if (r.value === null) {
      this.base = null;
      this.baseRev = -1;
    } else this.accept(r.value);
    this.recompute();
    if (this.pending.size > 0) this.schedule();
    return ok(true);
  }

  private recompute(): void {
    const base = this.base;
    let meeting = base;
    if (base) {
      let m: Meeting = base;
      for (const [, f] of this.inflight) m = f(m);
      for (const f of this.pending.values()) m = f(m);
      meeting = m;
    }
    const status: SaveStatus = this.error
      ? 'error'
      : this.inflight.length > 0
        ? 'saving'
        : this.pending.size > 0
          ? 'pending'
          : 'saved';
    this.snapshot = { meeting, stored: base, status, error: this.error };
    for (const l of this.listeners) l();
  }
}
