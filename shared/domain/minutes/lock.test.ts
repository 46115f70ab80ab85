import { describe, expect, it } from 'vitest';
import { finalisedChangeProblem, lockedAgainst } from './lock';

const final = {
  id: 'm1', status: 'final', title: '理事会', updatedAt: 'a', topics: [{ id: 't1', notes: '原文' }],
  corrections: [{ id: 'c1', text: '更正一' }], taskIds: ['k1'],
};

describe('M15 the server keeps a final record locked', () => {
  it.each<[string, Record<string, unknown> | undefined, Record<string, unknown>, string | null]>([
    ['M15 a draft may change freely', { ...final, status: 'draft' }, { ...final, status: 'draft', title: '新' }, null],
    ['M15 a new document', undefined, final, null],
    ['M15 appending a correction', final, { ...final, corrections: [...final.corrections, { id: 'c2', text: '补充' }], updatedAt: 'b' }, null],
    ['M15 a new task link', final, { ...final, taskIds: ['k1', 'k2'] }, null],
    ['M15 a conflict copy', final, { ...final, conflicts: [{ id: 'x' }] }, null],
    ['M15 altering the notes', final, { ...final, topics: [{ id: 't1', notes: '改了' }] }, '/topics'],
    ['M15 back to draft', final, { ...final, status: 'draft' }, '/status'],
    ['M15 altering a correction', final, { ...final, corrections: [{ id: 'c1', text: '改' }] }, '/corrections'],
    ['M15 removing a correction', final, { ...final, corrections: [] }, '/corrections'],
    ['M15 dropping a task link', final, { ...final, taskIds: [] }, '/taskIds'],
    ['M15 deleting the record', final, { ...final, _deleted: true }, '/_deleted'],
  ])('%s', (_id, previous, next, path) => {
    const p = finalisedChangeProblem(previous, next);
    expect(p?.path ?? null).toBe(path);
  });
});

describe('M16 edits that meet a record finalised elsewhere', () => {
  it.each([
    ['M16 finalised meanwhile', { status: 'draft' }, { status: 'final' }, true],
    ['M16 already final when the edit began', { status: 'final' }, { status: 'final' }, false],
    ['M16 still a draft', { status: 'draft' }, { status: 'draft' }, false],
    ['M16 no common base', undefined, { status: 'final' }, true],
  ])('%s', (_id, base, theirs, locked) => {
    expect(lockedAgainst(base, theirs)).toBe(locked);
  });
});
