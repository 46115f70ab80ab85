import { describe, expect, it } from 'vitest';
import type { JsonObject, MergeContext } from '../conflicts/merge';
import { draftNotice, issuedNotice, T0, T1 } from './fixtures';
import { recordPrint } from './issue';
import { mergeNotices, noticeLockedAgainst } from './merge';

const ctx = (lockTheirs = false): MergeContext => ({ now: T1, by: '李主任', lockTheirs, newId: (() => { let i = 0; return () => `c${++i}`; })() });
const j = (x: object): JsonObject => JSON.parse(JSON.stringify(x)) as JsonObject;
const T2 = '2026-11-30T01:00:00.000Z';

describe('mergeNotices (N50, N51)', () => {
  const issued = issuedNotice();
  const onA = recordPrint(issued, { at: T1, by: '王秘书', copies: 2, paper: 'A4' });
  const onB = recordPrint(issued, { at: T2, by: '李主任', copies: 1, paper: 'A3', pdf: true });

  it('N50 prints made on two PCs are both kept, the server’s first, printedAt the latest', () => {
    const { merged, conflicts } = mergeNotices(j(issued), j(onB), j(onA), ctx());
    expect(conflicts).toEqual([]);
    expect(merged.prints).toEqual([...onA.prints!, ...onB.prints!]);
    expect(merged.printedAt).toBe(T2);
  });

  it('N50 an entry the server already holds is not added twice; none added keeps the server’s log', () => {
    expect(mergeNotices(j(issued), j(onA), j(onA), ctx()).merged.prints).toEqual(onA.prints);
    const withdrawn = { ...onA, status: 'withdrawn', withdrawnAt: T2, withdrawnBy: '李主任', withdrawReason: '有误' };
    const { merged } = mergeNotices(j(onA), j({ ...onA, updatedAt: T2 }), j(withdrawn), ctx());
    expect(merged).toMatchObject({ status: 'withdrawn', prints: onA.prints, printedAt: T1 });
  });

  it('N51 a draft issued elsewhere is locked against edits made here (kept as copies), prints still kept', () => {
    const draft = draftNotice();
    expect(noticeLockedAgainst(j(draft), j(issued))).toBe(true);
    expect(noticeLockedAgainst(j(issued), j(onA))).toBe(false);
    expect(noticeLockedAgainst(undefined, j(draft))).toBe(false);
    const edited = recordPrint({ ...draft, title: '改了标题' }, { at: T0, by: '王秘书', copies: 1, paper: 'A4' });
    const { merged, conflicts } = mergeNotices(j(draft), j(edited), j(issued), ctx(true));
    expect(merged.title).toBe(issued.title);
    expect(merged.status).toBe('issued');
    expect(conflicts.map((c) => c.path)).toEqual(['title']);
    expect(merged.prints).toEqual(edited.prints);
  });

  it('a draft edited on two PCs merges field by field as everywhere', () => {
    const draft = draftNotice();
    const { merged } = mergeNotices(j(draft), j({ ...draft, title: '新标题' }), j({ ...draft, body: '新正文' }), ctx());
    expect(merged).toMatchObject({ title: '新标题', body: '新正文' });
    expect(merged.prints).toBeUndefined();
  });
});
