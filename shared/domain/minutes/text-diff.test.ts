import { describe, expect, it } from 'vitest';
import { diffText, isUnchanged, type DiffSegment } from './text-diff';

const same = (text: string): DiffSegment => ({ kind: 'same', text });
const removed = (text: string): DiffSegment => ({ kind: 'removed', text });
const added = (text: string): DiffSegment => ({ kind: 'added', text });

describe('diffText', () => {
  it.each<[string, string, string, DiffSegment[]]>([
    ['R4 unchanged', '东门道路破损', '东门道路破损', [same('东门道路破损')]],
    ['R4 an insertion', '东门道路破损严重', '东门道路和北门台阶破损严重', [same('东门道路'), added('和北门台阶'), same('破损严重')]],
    ['R4 a deletion', '费用从公共收益中列支', '费用从收益中列支', [same('费用从'), removed('公共'), same('收益中列支')]],
    ['R4 a replacement reads removed then added', '同意3人，未通过', '同意4人，通过', [same('同意'), removed('3'), added('4'), same('人，'), removed('未'), same('通过')]],
    ['R4 one unchanged character between changes is folded into one replacement', '东门道路', '北门台阶', [removed('东门道路'), added('北门台阶')]],
    ['R4 from nothing', '', '新内容', [added('新内容')]],
    ['R4 to nothing', '旧内容', '', [removed('旧内容')]],
    ['R4 a change inside a number takes the whole number', '预算不超过3.5万元', '预算不超过3.8万元', [same('预算不超过'), removed('3.5'), added('3.8'), same('万元')]],
    ['R4 …also when digits are only added', '约120平方米', '约1200平方米', [same('约'), removed('120'), added('1200'), same('平方米')]],
    [
      'R4 a deleted line is shown as the whole line, not from the previous sentence’s full stop',
      '甲通报：道路破损。\n乙：建议修缮。',
      '甲通报：道路破损。',
      [same('甲通报：道路破损。'), removed('\n乙：建议修缮。')],
    ],
    ['R4 an added sentence starts after a full stop', '会议开始。会议结束。', '会议开始。主持人讲话。会议结束。', [same('会议开始。'), added('主持人讲话。'), same('会议结束。')]],
    ['R4 characters outside the BMP stay whole', '𠮷野家', '𠮷田家', [same('𠮷'), removed('野'), added('田'), same('家')]],
  ])('%s', (_id, a, b, expected) => expect(diffText(a, b)).toEqual(expected));

  it('R4 a small change in a long note stays small and fast', () => {
    const long = '会议讨论了小区停车、绿化、垃圾分类等事项。'.repeat(20_000);
    const changed = `${long.slice(0, 200_000)}（补记）${long.slice(200_000)}`;
    const started = performance.now();
    const d = diffText(long, changed);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(d.filter((s) => s.kind !== 'same')).toEqual([added('（补记）')]);
  });

  it('R4 beyond the edit limit the middle is replaced as a whole', () => {
    const d = diffText('甲乙丙丁戊己', '子丑寅卯辰巳', 3);
    expect(d).toEqual([removed('甲乙丙丁戊己'), added('子丑寅卯辰巳')]);
  });

  it('reassembles both texts', () => {
    const a = '李建国通报：东门道路破损严重，雨天积水，居民多次反映。';
    const b = '李建国通报：东门道路和北门台阶破损严重，雨天积水严重，居民反映。';
    const d = diffText(a, b);
    expect(d.filter((s) => s.kind !== 'added').map((s) => s.text).join('')).toBe(a);
    expect(d.filter((s) => s.kind !== 'removed').map((s) => s.text).join('')).toBe(b);
    expect(isUnchanged(d)).toBe(false);
    expect(isUnchanged(diffText(a, a))).toBe(true);
  });
});
