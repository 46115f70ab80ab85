import { describe, expect, it } from 'vitest';
import { clockText } from './clock';

const at = (hhmm: string): Date => new Date(`2026-11-25T${hhmm}:00`);

describe('the meeting clock', () => {
  it('runs from the start time on the meeting date', () => {
    expect(clockText({ date: '2026-11-25', startTime: '19:30' }, new Date(`2026-11-25T20:05:09`))).toBe('已进行 00:35:09');
    expect(clockText({ date: '2026-11-25', startTime: '19:30', endTime: '21:00' }, at('20:00'))).toBe('已进行 00:30:00');
  });
  it('shows the duration once the end time has passed, and says when there is no start', () => {
    expect(clockText({ date: '2026-11-25', startTime: '19:30', endTime: '21:05' }, at('22:00'))).toBe('会议时长 1小时35分');
    expect(clockText({ date: '2026-11-25', startTime: '19:30' }, at('19:00'))).toBe('会议尚未开始');
    expect(clockText({ date: '2026-11-25' }, at('19:00'))).toBe('未填写开始时间');
  });
});
