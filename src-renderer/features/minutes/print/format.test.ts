import { describe, expect, it } from 'vitest';
import { meetingOutcomes } from '../../../../shared/domain/minutes';
import type { MeetingDoc } from '../../../../shared/schema';
import { escapeHtml, escapeMultiline } from '../../../print';
import { councilMeeting, settingsFixture } from '../../../../shared/domain/minutes/recorded-meetings';
import {
  arithmeticLine,
  cnNumeral,
  formatAreaM2,
  formatTimestampCn,
  matterText,
  meetingTimeLine,
  outcomeLabel,
  tallyText,
} from './format';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () =>
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;'));
  it('leaves Chinese text and line breaks alone; multiline normalises CRLF and drops trailing blank lines', () => {
    expect(escapeHtml('议题一\n讨论')).toBe('议题一\n讨论');
    expect(escapeMultiline('第一行\r\n第二行\r第三行\n\n  ')).toBe('第一行\n第二行\n第三行');
  });
});

describe('formatAreaM2 (integer dm², digits moved, never divided)', () => {
  it.each<[number, string]>([
    [1_234_567, '12,345.67 m²'],
    [0, '0.00 m²'],
    [5, '0.05 m²'],
    [99, '0.99 m²'],
    [100, '1.00 m²'],
    [123_456, '1,234.56 m²'],
    [100_000_000_000, '1,000,000,000.00 m²'],
    // 2^53 − 1: dividing by 100 in floating point would print …409.92 or lose the cents.
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91 m²'],
  ])('%i dm² → %s', (dm2, expected) => expect(formatAreaM2(dm2)).toBe(expected));

  it('a value that is not an integer is shown as it is, in dm², never rounded', () => expect(formatAreaM2(12.5)).toBe('12.5 dm²'));
});

describe('numbers, dates and times', () => {
  it.each<[number, string]>([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [35, '三十五'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [200, '二百'],
    [0, '0'],
  ])('cnNumeral(%i) = %s', (n, s) => expect(cnNumeral(n)).toBe(s));

  it('meeting time line: 2026年11月25日 19时30分至21时05分; date alone without a start', () => {
    expect(meetingTimeLine({ date: '2026-11-25', startTime: '19:30', endTime: '21:05' })).toBe('2026年11月25日 19时30分至21时05分');
    expect(meetingTimeLine({ date: '2026-03-05', startTime: '09:05' })).toBe('2026年3月5日 9时05分');
    expect(meetingTimeLine({ date: '2026-03-05' })).toBe('2026年3月5日');
  });

  it('timestamps print in Beijing time (UTC+8), rolling the date over', () => {
    expect(formatTimestampCn('2026-11-26T01:30:00.000Z')).toBe('2026年11月26日 9时30分');
    expect(formatTimestampCn('2026-11-25T16:30:00Z')).toBe('2026年11月26日 0时30分');
    expect(formatTimestampCn('yesterday')).toBeNull();
  });
});

describe('vote wording', () => {
  const settings = settingsFixture();
  const outcome = (m: MeetingDoc) => {
    const o = meetingOutcomes(m, settings).r1;
    if (!o) throw new Error('no outcome');
    return o;
  };
  const withVote = (yes: number, no: number, abstain: number, over: Partial<MeetingDoc> = {}): MeetingDoc => {
    const m = councilMeeting(over);
    const t1 = m.topics[0];
    if (!t1?.resolutions?.[0]) throw new Error('fixture');
    return { ...m, topics: [{ ...t1, resolutions: [{ ...t1.resolutions[0], vote: { method: 'count', yes, no, abstain } }] }] };
  };

  it('tally: 同意4人，反对1人，弃权0人', () => expect(tallyText({ yes: 4, no: 1, abstain: 0, area: null })).toBe('同意4人，反对1人，弃权0人'));

  it('tally with areas for 业主大会', () =>
    expect(tallyText({ yes: 2, no: 1, abstain: 0, area: { yes: 1_234_567, no: 100, abstain: 0 } })).toBe(
      '同意2人（12,345.67 m²），反对1人（1.00 m²），弃权0人（0.00 m²）',
    ));

  it('理事会 4/1/0 of 5 present: 通过, 出席 5/7 > 1/2；同意 4/5 > 1/2', () => {
    const o = outcome(councilMeeting());
    expect(outcomeLabel(o)).toBe('通过');
    expect(arithmeticLine(o)).toBe('出席 5/7 > 1/2；同意 4/5 > 1/2');
  });

  it('a failed vote prints the relation that failed: 同意 2/5 ≤ 1/2 → 未通过', () => {
    const o = outcome(withVote(2, 2, 1));
    expect(outcomeLabel(o)).toBe('未通过');
    expect(arithmeticLine(o)).toBe('出席 5/7 > 1/2；同意 2/5 ≤ 1/2');
  });

  it('业委会 rule (≥ 1/2 of all): 出席 5/7 > 1/2；同意 4/7 ≥ 1/2', () => {
    const m = withVote(4, 1, 0, {
      type: 'owners_committee',
      voteRule: { quorum: { num: 1, den: 2, inclusive: false }, pass: { num: 1, den: 2, inclusive: true }, passBase: 'all' },
    });
    expect(arithmeticLine(outcome(m))).toBe('出席 5/7 > 1/2；同意 4/7 ≥ 1/2');
  });

  it('not quorate, no vote, invalid: their labels, and no arithmetic without a vote', () => {
    const absent = councilMeeting().attendees.map((a, i) => (i >= 2 && a.role === 'member' ? { ...a, status: 'absent' as const } : a));
    const nq = outcome(withVote(2, 0, 0, { attendees: absent }));
    expect(outcomeLabel(nq)).toBe('未达到法定人数');
    expect(arithmeticLine(nq)).toBe('出席 2/7 ≤ 1/2');
    const m = councilMeeting();
    const t1 = m.topics[0];
    if (!t1?.resolutions?.[0]) throw new Error('fixture');
    const none = outcome({ ...m, topics: [{ ...t1, resolutions: [{ ...t1.resolutions[0], vote: { method: 'none' } }] }] });
    expect(outcomeLabel(none)).toBe('未表决');
    expect(arithmeticLine(none)).toBeNull();
    const bad = outcome(withVote(5, 1, 0));
    expect(outcomeLabel(bad)).toBe('表决数据有误');
    expect(arithmeticLine(bad)).toBeNull();
  });

  it('art. 278 matters name their item', () => {
    expect(matterText('general')).toBe('一般事项');
    expect(matterText('art278_5')).toBe('民法典第二百七十八条第（五）项：使用建筑物及其附属设施的维修资金');
  });
});
