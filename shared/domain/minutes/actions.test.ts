import { describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../schema';
import { applyMeetingAction, type MeetingAction } from './actions';
import { complete, meeting, members } from './fixtures';

const ctx = { now: '2026-11-26T09:00:00.000Z', by: '王秘书' };
const finalised = (): MeetingDoc => {
  const r = applyMeetingAction(complete(), { kind: 'finalise' }, ctx);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const correction = { kind: 'correction' as const, reason: '笔误', text: '“错峰停车”应为“错时停车”', targetId: 't1' };
/** A final record with one decision r1 voted 3/1 (4 of 5 present). */
const withDecision = (): MeetingDoc => {
  const m = complete({ topics: [{ id: 't1', title: '停车', notes: '', resolutions: [{ id: 'r1', text: '试行错峰停车', vote: { method: 'count', yes: 3, no: 1 } }] }] });
  const r = applyMeetingAction(m, { kind: 'finalise' }, ctx);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('applyMeetingAction', () => {
  it('M8 finalise sets status and who/when, leaves the text alone', () => {
    const m = complete();
    const r = applyMeetingAction(m, { kind: 'finalise' }, ctx);
    expect(r).toEqual({
      ok: true,
      value: { ...m, status: 'final', finalisedAt: ctx.now, finalisedBy: '王秘书', updatedAt: ctx.now, updatedBy: '王秘书' },
    });
    expect(m.status).toBe('draft'); // the input is untouched
  });

  it.each<[string, MeetingDoc, MeetingAction, object]>([
    ['M8 incomplete meeting', meeting(), { kind: 'finalise' }, { code: 'MEETING_INCOMPLETE', missing: ['startTime', 'endTime', 'location', 'hostName', 'recorderName', 'attendees'] }],
    ['M8 invalid meeting', complete({ endTime: '19:00' }), { kind: 'finalise' }, { code: 'MEETING_INVALID', errors: [{ path: 'endTime', code: 'END_BEFORE_START' }] }],
    ['M9 finalise twice', finalised(), { kind: 'finalise' }, { code: 'MEETING_FINALISED' }],
    ['M9 edit after finalising', finalised(), { kind: 'edit', patch: { title: '新标题' } }, { code: 'MEETING_FINALISED' }],
    ['M9 reorder after finalising', finalised(), { kind: 'reorderTopics', order: ['t1'] }, { code: 'MEETING_FINALISED' }],
    ['M9 attendance after finalising', finalised(), { kind: 'setAttendance', attendeeId: 'a1', status: 'absent' }, { code: 'MEETING_FINALISED' }],
    ['M10 status is not editable', complete(), { kind: 'edit', patch: { status: 'final' } as object }, { code: 'FIELD_LOCKED', detail: { field: 'status' } }],
    ['M10 the copied vote rule is not editable', complete(), { kind: 'edit', patch: { voteRule: undefined } as object }, { code: 'FIELD_LOCKED', detail: { field: 'voteRule' } }],
    ['M11 corrections only on final records', complete(), { kind: 'addCorrection', correction }, { code: 'MEETING_NOT_FINAL' }],
    ['M11 a correction needs a reason', finalised(), { kind: 'addCorrection', correction: { ...correction, reason: ' ' } }, { code: 'REASON_REQUIRED' }],
    ['M11 a correction needs text', finalised(), { kind: 'addCorrection', correction: { ...correction, text: '' } }, { code: 'TEXT_REQUIRED' }],
    ['M11 a correction targets something in the record', finalised(), { kind: 'addCorrection', correction: { ...correction, targetId: 'zz' } }, { code: 'TARGET_NOT_FOUND', detail: { id: 'zz' } }],
    ['M12 reorder needs every topic once', complete(), { kind: 'reorderTopics', order: ['t1', 't1'] }, { code: 'TOPIC_ORDER_INVALID' }],
    ['M13 a topic needs a title', complete(), { kind: 'addTopic', title: ' ' }, { code: 'TITLE_REQUIRED' }],
    ['M13 removing an unknown topic', complete(), { kind: 'removeTopic', topicId: 'zz' }, { code: 'TARGET_NOT_FOUND', detail: { id: 'zz' } }],
    ['M14 attendance of an unknown attendee', complete(), { kind: 'setAttendance', attendeeId: 'zz', status: 'present' }, { code: 'TARGET_NOT_FOUND', detail: { id: 'zz' } }],
  ])('%s', (_id, m, action, error) => expect(applyMeetingAction(m, action, { ...ctx, id: 'c1' })).toEqual({ ok: false, error }));

  it('M11 a correction is appended; the original text is never altered', () => {
    const m = finalised();
    const r = applyMeetingAction(m, { kind: 'addCorrection', correction }, { ...ctx, id: 'c1' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.corrections).toEqual([{ id: 'c1', kind: 'correction', at: ctx.now, by: '王秘书', reason: '笔误', text: correction.text, targetId: 't1' }]);
    const { corrections: _c, ...rest } = r.value;
    const { corrections: _o, ...orig } = m;
    expect(rest).toEqual(orig);
  });

  it.each<[string, object, object]>([
    ['M17 a vote only with a 更正 of a decision', { targetId: 't1', vote: { method: 'count', yes: 4 } }, { code: 'CORRECTION_VOTE_TARGET' }],
    ['M17 a 补充 carries no vote', { kind: 'supplement', targetId: 'r1', vote: { method: 'count', yes: 4 } }, { code: 'CORRECTION_VOTE_TARGET' }],
    [
      'M17 the corrected vote holds like any vote (5 votes, 4 present)',
      { targetId: 'r1', vote: { method: 'count', yes: 4, no: 1 } },
      { code: 'CORRECTION_VOTE_INVALID', errors: [{ path: 'vote', code: 'VOTE_EXCEEDS_PRESENT', detail: { votes: 5, max: 4 } }] },
    ],
  ])('%s', (_id, over, error) => {
    const m = withDecision();
    expect(applyMeetingAction(m, { kind: 'addCorrection', correction: { ...correction, ...over } }, { ...ctx, id: 'c1' })).toEqual({ ok: false, error });
  });

  it('M17 a 更正 of a decision keeps the corrected vote beside the original', () => {
    const m = withDecision();
    const vote = { method: 'count' as const, yes: 4, no: 0, abstain: 0 };
    const r = applyMeetingAction(m, { kind: 'addCorrection', correction: { ...correction, targetId: 'r1', vote } }, { ...ctx, id: 'c1' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.corrections?.[0]).toMatchObject({ targetId: 'r1', vote });
    expect(r.value.topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 3, no: 1 });
  });

  it('M11 a correction needs an id from the caller', () => {
    expect(applyMeetingAction(finalised(), { kind: 'addCorrection', correction }, ctx)).toEqual({ ok: false, error: { code: 'ID_REQUIRED' } });
  });

  it('M10 edit on a draft sets fields and clears those set to undefined', () => {
    const r = applyMeetingAction(complete(), { kind: 'edit', patch: { title: '新标题', location: undefined } }, ctx);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.title).toBe('新标题');
    expect('location' in r.value).toBe(false);
    expect(r.value.updatedAt).toBe(ctx.now);
  });

  it('M12 reorder and M13 add/remove topics', () => {
    const m = complete({ topics: [{ id: 't1', title: '一', notes: '' }, { id: 't2', title: '二', notes: '' }] });
    const re = applyMeetingAction(m, { kind: 'reorderTopics', order: ['t2', 't1'] }, ctx);
    expect(re.ok && re.value.topics.map((t) => t.id)).toEqual(['t2', 't1']);
    const add = applyMeetingAction(m, { kind: 'addTopic', title: '三', afterId: 't1' }, { ...ctx, id: 't3' });
    expect(add.ok && add.value.topics.map((t) => t.id)).toEqual(['t1', 't3', 't2']);
    const dup = applyMeetingAction(m, { kind: 'addTopic', title: '三' }, { ...ctx, id: 't2' });
    expect(dup).toEqual({ ok: false, error: { code: 'ID_DUPLICATE', detail: { id: 't2' } } });
    const rm = applyMeetingAction(m, { kind: 'removeTopic', topicId: 't1' }, ctx);
    expect(rm.ok && rm.value.topics.map((t) => t.id)).toEqual(['t2']);
  });

  it('M14 attendance: present stamps the check-in; leave keeps the reason', () => {
    const m = complete({ attendees: members(2, 0, { status: 'unknown' }) });
    const p = applyMeetingAction(m, { kind: 'setAttendance', attendeeId: 'a1', status: 'present' }, ctx);
    expect(p.ok && p.value.attendees[0]).toMatchObject({ status: 'present', checkedInAt: ctx.now });
    const l = applyMeetingAction(m, { kind: 'setAttendance', attendeeId: 'a2', status: 'leave', reason: ' 出差 ' }, ctx);
    expect(l.ok && l.value.attendees[1]).toEqual({ id: 'a2', personId: 'p2', name: '委员2', role: 'member', status: 'leave', reason: '出差' });
  });
});
