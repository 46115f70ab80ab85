import { describe, expect, it } from 'vitest';
import type { RosterDoc } from '../../schema';
import { editOrganizationDoc, editPersonDoc, newOrganizationDoc, newPersonDoc } from './docs';
import { canHardDelete, deactivate, reactivate, rosterReferences } from './lifecycle';
import { countActiveByParty } from './stats';

const created = { at: '2025-01-01T08:00:00.000Z', by: '本机用户' };
const later = { at: '2025-06-01T09:30:00.000Z', by: '王书记' };
const zhang: RosterDoc = newPersonDoc('p1', { name: '张建国', party: 'branch', roles: ['party_member'], phone: '13800138000' }, created);

describe('R13 deactivate', () => {
  it('R13 marks an active person as left, keeping everything else', () => {
    expect(deactivate(zhang, { leftAt: '2025-05-31', today: '2025-06-01', stamp: later })).toEqual({
      ok: true,
      value: {
        ...zhang,
        status: 'left',
        leftAt: '2025-05-31',
        deactivatedAt: later.at,
        updatedAt: later.at,
        updatedBy: later.by,
      },
    });
  });
  it.each([
    ['R13', { ...zhang, status: 'left' as const }, '2025-05-31', 'ALREADY_LEFT'],
    ['R13', zhang, '2025-02-30', 'LEFT_DATE_INVALID'],
    ['R13', zhang, '', 'LEFT_DATE_INVALID'],
    ['R13', zhang, '2025-06-02', 'LEFT_DATE_IN_FUTURE'],
  ])('%s %s on %j → %s', (_id, doc, leftAt, code) =>
    expect(deactivate(doc, { leftAt, today: '2025-06-01', stamp: later })).toEqual({ ok: false, error: { code } }),
  );
  it('R13 the day itself is allowed', () => {
    expect(deactivate(zhang, { leftAt: '2025-06-01', today: '2025-06-01', stamp: later }).ok).toBe(true);
  });
});

describe('R14 reactivate', () => {
  it('R14 removes the leaving date', () => {
    const left = deactivate(zhang, { leftAt: '2025-05-31', today: '2025-06-01', stamp: later });
    if (!left.ok) throw new Error('setup');
    const back = reactivate(left.value, { at: '2025-07-01T00:00:00.000Z', by: 'x' });
    expect(back).toEqual({ ok: true, value: { ...zhang, updatedAt: '2025-07-01T00:00:00.000Z', updatedBy: 'x' } });
    expect(back.ok && 'leftAt' in back.value).toBe(false);
  });
  it('R14 an active record cannot be reactivated', () => {
    expect(reactivate(zhang, later)).toEqual({ ok: false, error: { code: 'ALREADY_ACTIVE' } });
  });
});

describe('R15 references and hard deletion', () => {
  const refs = rosterReferences({
    meetings: [
      {
        id: 'm1',
        hostId: 'p1',
        recorderId: 'p2',
        attendees: [{ personId: 'p3' }, {}],
        topics: [{ resolutions: [{ actionItems: [{ ownerId: 'p4' }, { ownerId: '' }] }] }, {}],
      },
    ],
    tasks: [{ id: 't1', ownerId: 'p5', leadOrganizationId: 'o1' }],
    taskUpdates: [{ id: 'u1', authorId: 'p6' }],
    roster: [{ id: 'p7', organizationId: 'o2' }, { id: 'p8' }],
    settings: [{ id: 'compound', propertyCompanyId: 'o3' }],
  });

  it('R15 collects a reference from every place that can hold one', () => {
    expect(refs.map((r) => `${r.collection}.${r.field}→${r.targetId}`)).toEqual([
      'meetings.hostId→p1',
      'meetings.recorderId→p2',
      'meetings.attendees.personId→p3',
      'meetings.topics.resolutions.actionItems.ownerId→p4',
      'tasks.ownerId→p5',
      'tasks.leadOrganizationId→o1',
      'task_updates.authorId→p6',
      'roster.organizationId→o2',
      'settings.propertyCompanyId→o3',
    ]);
  });

  it.each([
    ['R15', 'p1', { ok: false, error: { code: 'REFERENCED', detail: { count: 1 } } }],
    ['R15', 'o2', { ok: false, error: { code: 'REFERENCED', detail: { count: 1 } } }],
    ['R15', 'o3', { ok: false, error: { code: 'REFERENCED', detail: { count: 1 } } }],
    ['R15', 'p9', { ok: true, value: true }],
    ['R15', 'p7', { ok: true, value: true }],
  ])('%s canHardDelete(%s)', (_id, id, expected) => expect(canHardDelete(id, refs)).toEqual(expected));

  it('R15 counts every reference', () => {
    const many = rosterReferences({ tasks: [{ id: 't1', ownerId: 'p1' }, { id: 't2', ownerId: 'p1' }], taskUpdates: [{ id: 'u', authorId: 'p1' }] });
    expect(canHardDelete('p1', many)).toEqual({ ok: false, error: { code: 'REFERENCED', detail: { count: 3 } } });
  });
});

describe('R16 documents', () => {
  it('R16 a new person carries the given id and stamp', () => {
    expect(zhang).toEqual({
      id: 'p1',
      kind: 'person',
      status: 'active',
      name: '张建国',
      party: 'branch',
      roles: ['party_member'],
      phone: '13800138000',
      createdAt: created.at,
      createdBy: created.by,
      updatedAt: created.at,
      updatedBy: created.by,
    });
  });

  it('R16 an edit keeps identity, creation and status, replaces the form fields and removes cleared ones', () => {
    const left: RosterDoc = { ...zhang, status: 'left', leftAt: '2025-05-01', deactivatedAt: later.at };
    expect(editPersonDoc(left, { name: '张建国', party: 'owners_committee', roles: [], building: '3号楼' }, later)).toEqual({
      id: 'p1',
      kind: 'person',
      status: 'left',
      leftAt: '2025-05-01',
      deactivatedAt: later.at,
      name: '张建国',
      party: 'owners_committee',
      roles: [],
      building: '3号楼',
      createdAt: created.at,
      createdBy: created.by,
      updatedAt: later.at,
      updatedBy: later.by,
    });
  });

  it('R16 an organisation edit drops agreement fields when the type changes', () => {
    const o = newOrganizationDoc('o1', { name: '医院', party: 'co_builder', agreementDate: '2024-03-15', serviceItems: ['义诊'] }, created);
    expect(editOrganizationDoc(o, { name: '医院', party: 'social_org' }, later)).toEqual({
      id: 'o1',
      kind: 'organization',
      status: 'active',
      name: '医院',
      party: 'social_org',
      createdAt: created.at,
      createdBy: created.by,
      updatedAt: later.at,
      updatedBy: later.by,
    });
  });

  it('R16 editing with the wrong kind is a programming error', () => {
    expect(() => editOrganizationDoc(zhang, { name: 'x', party: 'property' }, later)).toThrow();
  });
});

describe('R17 countActiveByParty', () => {
  it('R17 counts active people and organisations per party', () => {
    const docs = [
      zhang,
      newPersonDoc('p2', { name: '李', party: 'branch', roles: [] }, created),
      { ...newPersonDoc('p3', { name: '王', party: 'branch', roles: [] }, created), status: 'left' as const },
      newOrganizationDoc('o1', { name: '物业', party: 'property' }, created),
      newPersonDoc('p4', { name: '赵', party: 'property', roles: [] }, created),
    ];
    expect(countActiveByParty(docs)).toEqual({
      branch: { people: 2, organizations: 0 },
      owners_committee: { people: 0, organizations: 0 },
      property: { people: 1, organizations: 1 },
      social_org: { people: 0, organizations: 0 },
      co_builder: { people: 0, organizations: 0 },
      resident_group: { people: 0, organizations: 0 },
    });
  });
});
