import { describe, expect, it } from 'vitest';
import { parseNames, parseTimeInput, parseVoteCount } from './parse';

describe('parsing what is typed', () => {
  it.each([
    ['19:30', '19:30'],
    ['1930', '19:30'],
    ['930', '09:30'],
    ['19：30', '19:30'],
    ['１９：３０', '19:30'],
    ['19时30分', '19:30'],
    ['8点', '08:00'],
  ])('time %s → %s', (text, value) => expect(parseTimeInput(text)).toEqual({ ok: true, value }));
  it.each(['24:00', '19:60', '7', 'abc'])('time %s is refused', (text) => expect(parseTimeInput(text)).toEqual({ ok: false, error: 'TIME_INVALID' }));
  it('vote counts keep a minus sign for the rules to refuse, and full-width digits', () => {
    expect(parseVoteCount('１２票')).toEqual({ ok: true, value: 12 });
    expect(parseVoteCount('-3')).toEqual({ ok: true, value: -3 });
    expect(parseVoteCount('')).toEqual({ ok: true, value: undefined });
    expect(parseVoteCount('3.5')).toEqual({ ok: false, error: 'COUNT_INVALID' });
  });
  it('speakers split on 顿号, commas and spaces', () => expect(parseNames('张三、李四，王五 赵六')).toEqual(['张三', '李四', '王五', '赵六']));
});
