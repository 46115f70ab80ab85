import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../schema';
import { COLLECTION_LABELS, COLLECTION_POLICIES, checkDocument, selectorMatches, type DocLookup } from './index';

const T = '2026-11-25T08:30:00.000Z';
const stamp = { createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };
const lookupOf = (docs: Record<string, Record<string, Record<string, unknown>>>): DocLookup => ({
  get: async (c, id) => docs[c]?.[id],
  find: async (c, selector) => Object.values(docs[c] ?? {}).filter((d) => selectorMatches(d, selector)),
});
const meeting = (fields: Record<string, unknown>) => ({ id: 'm1', ...stamp, title: '业委会会议', status: 'draft', _deleted: false, ...fields });
const voucher = (fields: Record<string, unknown> = {}) => ({ id: 'v1', ...stamp, date: '2026-10-08', period: '2026-10', summary: '停车费', lines: [], status: 'draft', preparedBy: '管理员', _deleted: false, ...fields });

describe('the collection policy table', () => {
  it('has a Chinese label and a conflict policy for every collection', () => {
    for (const c of COLLECTION_NAMES) {
      expect(COLLECTION_LABELS[c]).toMatch(/[\u4e00-\u9fff]/);
      expect(COLLECTION_POLICIES[c].conflict).toBeDefined();
    }
  });

  const closed = lookupOf({ periods: { '2026-10': { id: '2026-10', status: 'closed' }, '2026-11': { id: '2026-11', status: 'open' } } });
  it.each([
    ['M15 a draft meeting may change', 'meetings', meeting({ title: '改' }), meeting({}), closed, null],
    ['M15 a final meeting keeps its title', 'meetings', meeting({ status: 'final', title: '改' }), meeting({ status: 'final' }), closed, 'MEETING_FINALISED'],
    ['M15 a final meeting may take a correction', 'meetings', meeting({ status: 'final', corrections: [{ id: 'c1', at: T, by: '秘书', text: '补充' }] }), meeting({ status: 'final' }), closed, null],
    ['a voucher into a closed period is refused (reads the period)', 'vouchers', voucher(), undefined, closed, 'PERIOD_CLOSED'],
    ['a voucher into an open period is kept', 'vouchers', voucher({ period: '2026-11', date: '2026-11-02' }), undefined, closed, null],
    ['a voucher into a period with no document yet is kept', 'vouchers', voucher({ period: '2026-12', date: '2026-12-02' }), undefined, closed, null],
    ['deleting a draft voucher of a closed period is not an entry', 'vouchers', voucher({ _deleted: true }), voucher(), closed, null],
    ['collections without rules accept', 'roster', { id: 'p1', ...stamp, _deleted: false }, undefined, closed, null],
  ] as const)('%s', async (_name, collection, doc, previous, lookup, rule) => {
    const problem = await checkDocument(collection, { doc, previous, lookup, actor: { role: 'admin', name: '管理员' } });
    expect(problem?.rule ?? null).toBe(rule);
  });
});

describe('tasks and their log (W13–W21, V7)', () => {
  const T = '2026-11-02T01:00:00.000Z';
  const base = { id: 'k1', createdAt: T, updatedAt: T, createdBy: 'x', updatedBy: 'x', title: '修路灯', leadParty: 'property', status: 'pending', priority: 'normal', _deleted: false };
  const entry = { id: 'u1', createdAt: T, updatedAt: T, createdBy: 'x', updatedBy: 'x', taskId: 'k1', kind: 'progress', text: '已换灯泡', at: T, _deleted: false };
  const none = { get: async () => undefined, find: async () => [] };
  const staff = { role: 'staff' as const, name: '小刘' };
  it.each([
    ['a new pending task', 'tasks', base, undefined, null],
    ['V7 no title', 'tasks', { ...base, title: ' ' }, undefined, 'TASK_REQUIRED'],
    ['V7 co-party equal to lead', 'tasks', { ...base, coParties: [{ party: 'property' }] }, undefined, 'TASK_CO_PARTY_IS_LEAD'],
    ['V7 due before creation (China date)', 'tasks', { ...base, dueDate: '2026-11-01' }, undefined, 'TASK_DUE_BEFORE_CREATION'],
    ['W16 a jump to done', 'tasks', { ...base, status: 'done' }, { ...base, status: 'in_progress' }, 'STATUS_WITHOUT_TRANSITION'],
    ['a deleted task is not judged', 'tasks', { ...base, _deleted: true }, base, null],
    ['W21 a new entry (its task need not exist)', 'task_updates', entry, undefined, null],
    ['W21 an entry is never changed', 'task_updates', { ...entry, text: '改了' }, entry, 'TASK_UPDATE_APPEND_ONLY'],
    ['W21 … nor deleted', 'task_updates', { ...entry, _deleted: true }, entry, 'TASK_UPDATE_APPEND_ONLY'],
    ['W21 … but may gain conflict copies', 'task_updates', { ...entry, updatedAt: '2026-11-03T00:00:00.000Z', conflicts: [] }, entry, null],
    ['E6 a 催办 must carry its deterministic id', 'task_updates', { ...entry, id: 'random', kind: 'urge', dueDate: '2026-10-01' }, undefined, 'TASK_UPDATE_ID_INVALID'],
    ['E6 … and with it is fine', 'task_updates', { ...entry, id: 'k1.urge.2026-10-01', kind: 'urge', dueDate: '2026-10-01' }, undefined, null],
  ] as const)('%s', async (_n, collection, doc, previous, rule) => {
    expect((await checkDocument(collection, { doc, previous, lookup: none, actor: staff }))?.rule ?? null).toBe(rule);
  });
});
