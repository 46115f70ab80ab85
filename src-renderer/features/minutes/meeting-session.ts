// Save-as-you-type for one open meeting record. The secretary types during the meeting, offline, and must never lose
// a keystroke, so:
// - every keystroke's text is first kept in a synchronous write-ahead store (write-ahead.ts, localStorage by meeting
//   and field) and removed once the database holds it: a window closed or a renderer that crashes right after
//   typing loses nothing, and the editor restores the text on the next open (issue #8);
// - every edit is a Mutation (a function of the latest document), queued under a key (the field it sets; a newer
//   edit of the same field replaces the queued one) and written within SAVE_DELAY_MS, however fast the typing goes
//   (a throttle, not a debounce that typing could postpone for ever);
// - the write is `incrementalModify` on the current revision, applying the queued functions to it: changes made
//   meanwhile on another PC (arriving by sync) or in another window are kept, never overwritten by a stale copy;
// - what the editor shows is the stored document with the queued edits applied, so saving never moves a caret or
//   flickers a field back to its old value;
// - a value the rules refuse is never stored and never looks stored: the session holds it (`held`) with the rule
//   that refuses it, the field says 未保存, the header does not say 已保存, and 定稿 is refused naming the field.
//   Fields validated together (a vote's counts and areas; start and end time; totals and participation) are
//   re-validated together: when a later edit, or any change of the record, makes a held value valid, the group is
//   saved as shown in one write; until then the group's problem is shown at each held field (issue #8);
// - a failed write (disk full) keeps the queued edits: they stay on screen and are written with the next change or
//   a retry, and nothing already stored changes.
// The owner flushes on pagehide / visibilitychange / beforeunload (use-meeting-session.ts).
import type { Subscription } from 'rxjs';
import type { RxDocument } from 'rxdb';
import type { Meeting, MeetingFieldError } from '../../../shared/domain/minutes';
import { idsIn, validateMeeting } from '../../../shared/domain/minutes';
import { err, ok, type Result } from '../../../shared/result';
import type { MeetingDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { updatedFields } from '../../../shared/domain/common/stamp';
import { currentStamp } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';
import type { Mutation } from './meeting-edits';

/** MeetingSession.act's answer when the domain refused the action on the latest revision. */
export type ActionRefused<E> = { code: 'ACTION_REFUSED'; refusal: E };
import { keyFits, walDelete, walEntries, walGet, walPut, type WalEntry } from './write-ahead';

/** At most this long between a keystroke and its write (plus the write itself). */
export const SAVE_DELAY_MS = 200;

/** 'unsaved': some field holds a value that is not stored (refused, or not understood). */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'unsaved' | 'error';

/** What a field of the editor says about itself as it is typed (DraftInput → note). */
export type FieldMeta = {
  /** The field's name as its label shows it (同意, 开始时间), for naming it when 定稿 is refused. */
  label: string;
  /** Fields validated together share a group. */
  group?: string | undefined;
};

/** A field showing a value that is not stored. */
export type HeldField = {
  key: string;
  text: string;
  label: string;
  group: string | null;
  /** The edit the text stands for; null when the text could not be read at all (see `message`). */
  mutate: Mutation | null;
  check: readonly string[];
  /** The rule that refuses it (for the group as shown, when grouped). */
  problem: MeetingFieldError | null;
  /** Why the text could not be read, in Chinese (请填写整数…), when `mutate` is null. */
  message: string | null;
};

export type SessionSnapshot = {
  /** What the editor shows: stored + queued edits. undefined while loading, null when there is no such meeting. */
  meeting: Meeting | null | undefined;
  /** The latest stored revision. */
  stored: Meeting | null | undefined;
  status: SaveStatus;
  error: WriteError | null;
  /** Fields holding a value that is not stored, by key, in the order they were refused. */
  held: ReadonlyMap<string, HeldField>;
};

/** A queued write: the edit and the fields (keys) whose typed text it stores. */
type Queued = {
  mutate: Mutation;
  keys: readonly string[];
  /** A lifecycle action's own answer on the revision being written (act); `mutate` applies it. */
  action?: (m: Meeting) => Result<Meeting, unknown>;
  /** What the action answered when it was last applied in a write: null when it was taken. */
  refusal?: { error: unknown } | null;
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
  // Owners check in one by one while the participation is typed: the two agree only at the end (V17).
  'PARTICIPATION_ROLL_CALL_MISMATCH',
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

/** Of a group's problems, the one a field shows: its own, else one about the whole group (above it), else the first. */
function problemFor(key: string, problems: readonly MeetingFieldError[]): MeetingFieldError | undefined {
  return problems.find((e) => e.path === key) ?? problems.find((e) => key.startsWith(`${e.path}.`)) ?? problems[0];
}

type Listener = () => void;

export class MeetingSession {
  private base: Meeting | null | undefined = undefined;
  private baseRev = -1;
  private inflight: [string, Queued][] = [];
  private pending = new Map<string, Queued>();
  private held = new Map<string, HeldField>();
  private typed = new Map<string, FieldMeta & { text: string }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<Result<true, WriteError>> = Promise.resolve(ok(true));
  private error: WriteError | null = null;
  private snapshot: SessionSnapshot = { meeting: undefined, stored: undefined, status: 'saved', error: null, held: new Map() };
  private readonly listeners = new Set<Listener>();
  private sub: Subscription | null = null;
  private seq = 0;
  private pruned = false;

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
        this.reevaluate();
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

  /** Edits queued or being written. */
  get hasUnsaved(): boolean {
    return this.pending.size > 0 || this.inflight.length > 0;
  }

  /** Fields showing a value that is not stored, in the order they were refused. */
  get heldFields(): HeldField[] {
    return [...this.held.values()];
  }

  heldAt(key: string): HeldField | undefined {
    return this.held.get(key);
  }

  /**
   * A keystroke's text: kept in the write-ahead store at once (synchronously), before the edit it stands for is
   * queued. Also remembers the field's name and group for what `edit` holds.
   */
  note(key: string, text: string, meta: FieldMeta): void {
    this.typed.set(key, { ...meta, text });
    if (this.base && this.base.status !== 'final') walPut(this.meetingId, key, text, new Date().toISOString());
  }

  /** The text kept for a field by the write-ahead store (typed before the last close), if any. */
  recovered(key: string): string | null {
    return walGet(this.meetingId, key);
  }

  /** Everything the write-ahead store keeps for this meeting (for a record finalised before it was saved). */
  leftovers(): WalEntry[] {
    return walEntries(this.meetingId);
  }

  /**
   * Drops what the write-ahead store keeps for a field (it is stored, or the user let it go) — unless that is no
   * longer this window's text: another window of the app typing in the same field keeps its own.
   */
  forget(key: string): void {
    if (this.covered(key) || this.held.has(key)) return;
    const mine = this.typed.get(key)?.text;
    if (mine === undefined || walGet(this.meetingId, key) === mine) walDelete(this.meetingId, key);
  }

  /**
   * Queues an edit of a draft, written within SAVE_DELAY_MS. `check`: paths whose blocking problems refuse the edit
   * (the first is returned and nothing is queued; the field's value is held, see HeldField). Held values of the same
   * group are tried with it: when the group as shown holds, all of it is queued as one write. A final record is
   * never edited here.
   */
  edit(key: string, mutate: Mutation, check: readonly string[] = []): MeetingFieldError | null {
    return this.propose(key, mutate, check, true);
  }

  /** The text typed in a field could not be read (not a number, not a time): it is held with `message`. */
  refuse(key: string, message: string): void {
    const meta = this.typed.get(key);
    this.held.set(key, {
      key,
      text: meta?.text ?? '',
      label: meta?.label ?? '',
      group: meta?.group ?? null,
      mutate: null,
      check: [],
      problem: null,
      message,
    });
    this.recompute();
  }

  /** The field let go of its held value (Escape, or the field went away): it shows what is stored again. */
  release(key: string): void {
    if (!this.held.delete(key)) return;
    this.forget(key);
    this.reevaluate();
    this.recompute();
  }

  /** Lets go of every held value whose key starts with `prefix` (a vote switched to another method). */
  releaseUnder(prefix: string): void {
    let any = false;
    for (const k of [...this.held.keys()])
      if (k === prefix || k.startsWith(`${prefix}.`)) {
        this.held.delete(k);
        this.forget(k);
        any = true;
      }
    if (any) {
      this.reevaluate();
      this.recompute();
    }
  }

  /** An edit written at once (adding, removing, reordering, ticking attendance); a refused one is not held. */
  change(mutate: Mutation, check: readonly string[] = []): MeetingFieldError | null {
    const problem = this.propose(`change:${++this.seq}`, mutate, check, false);
    if (!problem) void this.flush();
    return problem;
  }

  /**
   * A lifecycle action (定稿, 更正/补充), applied to the latest revision as it is and written at once. The domain may
   * refuse it there (another PC changed the record meanwhile): the refusal comes back as the value
   * `{ code: 'ACTION_REFUSED', refusal }`, and nothing is written for it.
   */
  async act<E>(action: (m: Meeting) => Result<Meeting, E>): Promise<Result<true, WriteError | ActionRefused<E>>> {
    const mutate: Mutation = (m) => {
      const r = action(m);
      return r.ok ? r.value : m;
    };
    // The action also runs on every recompose of what is shown; only its runs inside the write (writeQueued) answer.
    const queued: Queued = { mutate, keys: [], action };
    this.pending.set(`act:${++this.seq}`, queued);
    this.recompute();
    const written = await this.flush();
    if (!written.ok) return written;
    return queued.refusal ? err({ code: 'ACTION_REFUSED', refusal: queued.refusal.error as E }) : ok(true);
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

  private propose(key: string, mutate: Mutation, check: readonly string[], hold: boolean): MeetingFieldError | null {
    const m = this.compose();
    if (!m || m.status === 'final') return null;
    if (mutate(m) === m) {
      // Already so: the field shows what is stored (typing the stored value back lets go of a held one).
      if (this.held.delete(key)) {
        this.forget(key);
        this.reevaluate();
        this.recompute();
      } else this.forget(key);
      return null;
    }
    const meta = this.typed.get(key);
    const group = hold ? (meta?.group ?? null) : null;
    const others = group === null ? [] : [...this.held.values()].filter((h) => h.group === group && h.key !== key && h.mutate !== null);
    const parts = [...others.map((h) => ({ key: h.key, mutate: h.mutate ?? ((d: Meeting) => d), check: h.check })), { key, mutate, check }];
    const combined: Mutation = (d) => parts.reduce((acc, p) => p.mutate(acc), d);
    const checks = [...new Set(parts.flatMap((p) => p.check))];
    const problems = blockingErrorsAt(combined(m), checks);
    const problem = problemFor(key, problems);
    if (problem) {
      if (!hold) return problem;
      this.held.set(key, { key, text: meta?.text ?? '', label: meta?.label ?? '', group, mutate, check, problem, message: null });
      // Every held field of the group shows the group's problem as it now stands.
      for (const h of others) this.held.set(h.key, { ...h, problem: problemFor(h.key, problems) ?? problem });
      this.recompute();
      return problem;
    }
    const keys = parts.map((p) => p.key);
    for (const k of keys) this.held.delete(k);
    this.enqueue(key, combined, checks, keys);
    this.reevaluate();
    this.recompute();
    this.schedule();
    return null;
  }

  private enqueue(key: string, mutate: Mutation, check: readonly string[], keys: readonly string[]): void {
    // Checked again against the latest revision when written: a change from another PC may have made it invalid.
    const guarded: Mutation = (d) => {
      if (d.status === 'final') return d;
      const n = mutate(d);
      return n !== d && blockingErrorsAt(n, check).length > 0 ? d : n;
    };
    for (const k of keys) if (k !== key) this.pending.delete(k);
    this.pending.delete(key);
    this.pending.set(key, { mutate: guarded, keys });
  }

  /**
   * Tries every held value again, each group as shown, against the record as it now stands (after an accepted
   * edit, a change, or a change arriving from another PC): a group that now holds is queued; the others show their
   * group's current problem.
   */
  private reevaluate(): void {
    let m = this.compose();
    if (!m || m.status === 'final' || this.held.size === 0) return;
    const groups = new Map<string, HeldField[]>();
    for (const h of this.held.values()) {
      if (h.mutate === null) continue;
      const g = h.group ?? `key:${h.key}`;
      groups.set(g, [...(groups.get(g) ?? []), h]);
    }
    let queued = false;
    for (const list of groups.values()) {
      const combined: Mutation = (d) => list.reduce((acc, h) => (h.mutate ? h.mutate(acc) : acc), d);
      const checks = [...new Set(list.flatMap((h) => h.check))];
      const next = combined(m);
      const keys = list.map((h) => h.key);
      if (next === m) {
        // What they hold is what is stored now (or what they edit is gone): nothing is unsaved any more.
        for (const k of keys) {
          this.held.delete(k);
          this.forget(k);
        }
        continue;
      }
      const problems = blockingErrorsAt(next, checks);
      if (problems.length > 0) {
        for (const h of list) {
          const problem = problemFor(h.key, problems) ?? null;
          if (JSON.stringify(problem) !== JSON.stringify(h.problem)) this.held.set(h.key, { ...h, problem });
        }
        continue;
      }
      for (const k of keys) this.held.delete(k);
      const first = keys[0] ?? `held:${++this.seq}`;
      this.enqueue(first, combined, checks, keys);
      m = next;
      queued = true;
    }
    if (queued) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  /** A newer queued (or in-flight) edit still stands for this field's typed text. */
  private covered(key: string): boolean {
    for (const q of this.pending.values()) if (q.keys.includes(key)) return true;
    for (const [, q] of this.inflight) if (q.keys.includes(key)) return true;
    return false;
  }

  private accept(doc: RxDocument<MeetingDoc>): void {
    const rev = revisionHeight(doc);
    if (rev < this.baseRev) return; // an older emission after our own write's result
    this.baseRev = rev;
    this.base = doc.toJSON() as Meeting;
    if (!this.pruned) {
      this.pruned = true;
      this.prune(this.base);
    }
  }

  /** Drops what the write-ahead store keeps for elements no longer in a draft (removed meanwhile). */
  private prune(m: Meeting): void {
    if (m.status === 'final') return; // kept: the editor offers it for a 更正 (nothing typed is dropped unseen)
    const ids = idsIn(m);
    for (const e of walEntries(this.meetingId)) if (!keyFits(e.key, ids)) walDelete(this.meetingId, e.key);
  }

  private async writeQueued(): Promise<Result<true, WriteError>> {
    if (this.pending.size === 0) return this.error ? err(this.error) : ok(true);
    const entries = [...this.pending];
    this.pending = new Map();
    this.inflight = entries;
    this.recompute();
    const stamp = currentStamp();
    const apply = (m: Meeting): Meeting =>
      entries.reduce((d, [, q]) => {
        if (!q.action) return q.mutate(d);
        const r = q.action(d);
        q.refusal = r.ok ? null : { error: r.error };
        return r.ok ? r.value : d;
      }, m);
    const r = await attemptWrite(async () => {
      const doc = await this.db.meetings.findOne(this.meetingId).exec();
      if (!doc) return null;
      const latest = doc.toJSON() as Meeting;
      if (apply(latest) === latest) return doc; // nothing left to change
      return doc.incrementalModify((old) => {
        const next = apply(old as Meeting);
        return (next === old ? old : { ...next, ...updatedFields(stamp) }) as typeof old;
      });
    });
    this.inflight = [];
    if (!r.ok) {
      // Kept, in order, before anything queued meanwhile (a newer value of the same field wins).
      const merged = new Map(entries);
      for (const [k, q] of this.pending) {
        merged.delete(k);
        merged.set(k, q);
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
    // The database holds these fields' text now (unless typed further meanwhile): the write-ahead copies go.
    for (const [, q] of entries) for (const k of q.keys) this.forget(k);
    this.reevaluate();
    this.recompute();
    if (this.pending.size > 0) this.schedule();
    return ok(true);
  }

  /** Stored + in-flight + queued edits, as of now. */
  private compose(): Meeting | null | undefined {
    const base = this.base;
    if (!base) return base;
    let m: Meeting = base;
    for (const [, q] of this.inflight) m = q.mutate(m);
    for (const q of this.pending.values()) m = q.mutate(m);
    return m;
  }

  private recompute(): void {
    const status: SaveStatus = this.error
      ? 'error'
      : this.held.size > 0
        ? 'unsaved'
        : this.inflight.length > 0
          ? 'saving'
          : this.pending.size > 0
            ? 'pending'
            : 'saved';
    this.snapshot = { meeting: this.compose(), stored: this.base, status, error: this.error, held: new Map(this.held) };
    for (const l of this.listeners) l();
  }
}
