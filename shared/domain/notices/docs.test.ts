import { describe, expect, it } from 'vitest';
import type { NoticeDoc } from '../../schema';
import { editedNoticeDoc, newNoticeDoc, type NoticeContent } from './docs';

const stamp = { at: '2026-11-28T02:00:00.000Z', by: '王晓梅' };
const content = { kind: 'resolution', title: '决议公告', body: '经理事会表决……', issuers: ['某小区党支部'], status: 'draft' } as unknown as NoticeContent;

describe('newNoticeDoc', () => {
  it.each([
    ['N1 default 7 days, today included', undefined, '2026-12-04'],
    ['N1 settings.noticeDays', 3, '2026-11-30'],
    ['N1 one day', 1, '2026-11-28'],
  ])('%s', (_id, days, postUntil) =>
    expect(newNoticeDoc('n1', content, { today: '2026-11-28', days }, stamp)).toEqual({
      ...content,
      id: 'n1',
      createdAt: stamp.at,
      createdBy: stamp.by,
      updatedAt: stamp.at,
      updatedBy: stamp.by,
      postFrom: '2026-11-28',
      postUntil,
    }));
});

describe('editedNoticeDoc', () => {
  const old = { ...newNoticeDoc('n1', content, { today: '2026-11-28' }, stamp), issueDate: '2026-11-28' } as NoticeDoc;
  const later = { at: '2026-11-29T01:00:00.000Z', by: '张伟' };

  it('N2 N3 replaces the texts, removes empty dates, stamps the edit', () =>
    expect(editedNoticeDoc(old, { title: '新标题', body: '新正文', issuers: ['业委会'], issueDate: undefined, postFrom: '2026-11-30', postUntil: undefined }, later)).toEqual({
      ...old,
      title: '新标题',
      body: '新正文',
      issuers: ['业委会'],
      postFrom: '2026-11-30',
      postUntil: undefined,
      issueDate: undefined,
      updatedAt: later.at,
      updatedBy: '张伟',
    }));
});
