import { describe, expect, it } from 'vitest';
import { diffText } from '../../../../shared/domain/minutes';
import { changeParts, changesHtml } from './changes';

describe('changes (R4)', () => {
  it('marks additions, removals and replacements in words and in type', () => {
    const d = diffText('东门道路破损严重，已有两位老人滑倒。预算3.5万元', '东门道路和北门台阶破损严重。预算3.8万元');
    expect(changeParts(d).map((p) => p.kind)).toEqual(['same', 'added', 'same', 'removed', 'same', 'replaced', 'same']);
    const html = changesHtml(d);
    expect(html).toContain('［增加“<ins>和北门台阶</ins>”］');
    expect(html).toContain('［删去“<del>，已有两位老人滑倒</del>”］');
    expect(html).toContain('［“<del>3.5</del>”改为“<ins>3.8</ins>”］');
  });

  it('escapes the text and keeps line breaks between changes', () => {
    const html = changesHtml(diffText('第一行\n<b>第二行</b>', '第一行\n<b>第二行</b>补'));
    expect(html).toBe('第一行\n&lt;b&gt;第二行&lt;/b&gt;<span class="change">［增加“<ins>补</ins>”］</span>');
  });
});
