// The save-as-you-type engine on its own, against a real (fake-indexeddb) database.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeetingDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { openTestDatabase } from '../../testing/render-app';
import { setFields, updateTopic, updateVote } from './meeting-edits';
import { MeetingSession } from './meeting-session';

const T0 = '2026-11-25T08:00:00.000Z';
const doc = (): MeetingDoc => ({
  id: 'm1',
  createdAt: T0,
  updatedAt: T0,
  createdBy: '秘书',
  updatedBy: '秘书',
  title: '会议',
  type: 'council',
  status: 'draft',
  date: '2026-11-25',
  attendees: [
    { id: 'a1', name: '甲', role: 'member', status: 'present' },
    { id: 'a2', name: '乙', role: 'member', status: 'present' },
  ],
  topics: [
    { id: 't1', title: '议题一', notes: '', resolutions: [{ id: 'r1', text: '同意', vote: { method: 'count' } }] },
    { id: 't2', title: '议题二', notes: '' },
  ],
});

let db: LinliDatabase;
const sessions: MeetingSession[] = [];
beforeEach(async () => {
  db = await openTestDatabase();
  await db.meetings.insert(doc());
});
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
  await db.remove();
});

async function open(delay = 50): Promise<MeetingSession> {
  const s = new MeetingSession(db, 'm1', delay);
  sessions.push(s);
  s.start();
  await vi.waitFor(() => expect(s.current).toBeTruthy());
  return s;
}

const stored = async (): Promise<MeetingDoc> => {
  const d = await db.meetings.findOne('m1').exec();
  if (!d) throw new Error('gone');
  return d.toMutableJSON();
};

describe('MeetingSession', () => {
  it('shows an edit at once and writes it within the delay; the latest value of a field wins', async () => {
    const s = await open(100);
    s.edit('topics.t1.notes', updateTopic('t1', (t) => ({ ...t, notes: '甲' })));
    s.edit('topics.t1.notes', updateTopic('t1', (t) => ({ ...t, notes: '甲乙' })));
    expect(s.current?.topics[0]?.notes).toBe('甲乙');
    expect(s.getSnapshot().status).toBe('pending');
    expect((await stored()).topics[0]?.notes).toBe('');
    await vi.waitFor(async () => expect((await stored()).topics[0]?.notes).toBe('甲乙'), { timeout: 1000 });
    await vi.waitFor(() => expect(s.getSnapshot().status).toBe('saved'));
  });

  it('writes functions of the latest revision: edits of different fields from two windows both survive', async () => {
    const a = await open();
    const b = await open();
    a.edit('topics.t1.notes', updateTopic('t1', (t) => ({ ...t, notes: '窗口一的记录' })));
    b.edit('location', setFields({ location: '会议室' }));
    b.edit('topics.t2.notes', updateTopic('t2', (t) => ({ ...t, notes: '窗口二的记录' })));
    await Promise.all([a.flush(), b.flush()]);
    const d = await stored();
    expect(d.topics.map((t) => t.notes)).toEqual(['窗口一的记录', '窗口二的记录']);
    expect(d.location).toBe('会议室');
    await vi.waitFor(() => expect(a.current?.location).toBe('会议室'));
  });

  it('refuses an edit that would store an invalid value, and never writes one later either', async () => {
    const s = await open();
    const refused = s.edit('vote', updateVote('t1', 'r1', (v) => ({ ...v, yes: 3 })), ['topics.t1.resolutions.r1.vote']);
    expect(refused).toMatchObject({ code: 'VOTE_EXCEEDS_PRESENT', detail: { votes: 3, max: 2 } });
    expect(s.hasUnsaved).toBe(false);
    // Accepted while two are present; one leaves before the write: the queued edit is dropped, not stored half-way.
    expect(s.edit('vote', updateVote('t1', 'r1', (v) => ({ ...v, yes: 2 })), ['topics.t1.resolutions.r1.vote'])).toBeNull();
    await (await db.meetings.findOne('m1').exec())?.incrementalModify((d) => ({
      ...d,
      attendees: d.attendees.map((x) => (x.id === 'a2' ? { ...x, status: 'absent' as const } : x)),
    }));
    await s.flush();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote.yes).toBeUndefined();
  });

  it('does not edit a finalised record', async () => {
    await (await db.meetings.findOne('m1').exec())?.incrementalPatch({ status: 'final' });
    const s = await open();
    await vi.waitFor(() => expect(s.current?.status).toBe('final'));
    s.edit('title', setFields({ title: '改' }));
    await s.flush();
    expect((await stored()).title).toBe('会议');
  });

  describe('held values (issue #8)', () => {
    const rp = 'topics.t1.resolutions.r1';
    const count = (key: 'yes' | 'no', n: number) => updateVote('t1', 'r1', (v) => ({ ...v, [key]: n }));
    const type = (s: MeetingSession, key: 'yes' | 'no', n: number) => {
      s.note(`${rp}.vote.${key}`, String(n), { label: key, group: `${rp}.vote` });
      return s.edit(`${rp}.vote.${key}`, count(key, n), [`${rp}.vote`]);
    };

    it('a refused value is held, never written, and says 未保存; a later edit of its group that makes it valid writes both', async () => {
      const s = await open();
      expect(type(s, 'yes', 1)).toBeNull();
      expect(type(s, 'no', 1)).toBeNull();
      await s.flush();
      expect(type(s, 'yes', 2)).toMatchObject({ code: 'VOTE_EXCEEDS_PRESENT' }); // 2 + 1 of 2 present
      expect(s.heldAt(`${rp}.vote.yes`)).toMatchObject({ text: '2', label: 'yes', problem: { code: 'VOTE_EXCEEDS_PRESENT' } });
      expect(s.getSnapshot().status).toBe('unsaved');
      expect(s.current?.topics[0]?.resolutions?.[0]?.vote).toMatchObject({ yes: 1, no: 1 });
      await s.flush();
      expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toMatchObject({ yes: 1, no: 1 });
      expect(type(s, 'no', 0)).toBeNull(); // 2 + 0: the group as shown holds
      expect(s.heldFields).toEqual([]);
      await s.flush();
      expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toMatchObject({ yes: 2, no: 0 });
      expect(s.getSnapshot().status).toBe('saved');
    });

    it('a change arriving from another PC that makes a held value valid gets it written', async () => {
      const s = await open();
      expect(type(s, 'yes', 3)).toMatchObject({ code: 'VOTE_EXCEEDS_PRESENT' });
      await (await db.meetings.findOne('m1').exec())?.incrementalModify((d) => ({
        ...d,
        attendees: [...d.attendees, { id: 'a3', name: '丙', role: 'member' as const, status: 'present' as const }],
      }));
      await vi.waitFor(() => expect(s.heldFields).toEqual([]));
      await s.flush();
      expect((await stored()).topics[0]?.resolutions?.[0]?.vote.yes).toBe(3);
    });

    it('keeps each keystroke in the write-ahead store until the database has it', async () => {
      localStorage.clear();
      const s = await open(60_000);
      s.note('topics.t1.notes', '甲乙', { label: '讨论情况' });
      s.edit('topics.t1.notes', updateTopic('t1', (t) => ({ ...t, notes: '甲乙' })));
      expect(s.recovered('topics.t1.notes')).toBe('甲乙');
      await s.flush();
      expect(s.recovered('topics.t1.notes')).toBeNull();
      // A held value stays kept: it is not in the database.
      expect(type(s, 'yes', 5)).not.toBeNull();
      await s.flush();
      expect(s.recovered(`${rp}.vote.yes`)).toBe('5');
      s.release(`${rp}.vote.yes`);
      expect(s.recovered(`${rp}.vote.yes`)).toBeNull();
    });
  });

  describe('act: a lifecycle action', () => {
    const refuseIfFinal = (m: import('../../../shared/domain/minutes').Meeting) =>
      m.status === 'final' ? ({ ok: false, error: { code: 'MEETING_FINALISED' } } as const) : ({ ok: true, value: { ...m, title: '改名' } } as const);

    it('is written when the domain takes it', async () => {
      const s = await open();
      expect(await s.act(refuseIfFinal)).toEqual({ ok: true, value: true });
      expect((await stored()).title).toBe('改名');
    });

    it('comes back as a value when the domain refuses it on the latest revision, and writes nothing', async () => {
      const s = await open();
      const d = await db.meetings.findOne('m1').exec();
      await d?.incrementalPatch({ status: 'final' }); // finalised meanwhile (another window)
      await vi.waitFor(() => expect(s.current?.status).toBe('final'));
      expect(await s.act(refuseIfFinal)).toEqual({ ok: false, error: { code: 'ACTION_REFUSED', refusal: { code: 'MEETING_FINALISED' } } });
      expect((await stored()).title).toBe('会议');
    });
  });
});
