import { describe, expect, it } from 'vitest';
import type { SettingsDoc } from '../../schema';
import {
  profileInputOf,
  savedSettingsDoc,
  validateCompoundProfile,
  validateOperatorName,
  type CompoundProfileInput,
} from './profile';

const empty: CompoundProfileInput = {
  compoundName: '',
  street: '',
  community: '',
  branchName: '',
  ownersCommitteeName: '',
  councilName: '',
  address: '',
  contactPhone: '',
  totalArea: '',
  totalOwners: '',
  ownersCommitteeSize: '',
};
const input = (over: Partial<CompoundProfileInput>): CompoundProfileInput => ({ ...empty, ...over });

describe('validateCompoundProfile', () => {
  it('S1 an empty form is valid and stores nothing', () => {
    expect(validateCompoundProfile(empty)).toEqual({ ok: true, value: {} });
  });

  it('S1 S2 S4 a full profile', () => {
    expect(
      validateCompoundProfile(
        input({
          compoundName: ' 幸福里小区 ',
          street: '湖滨街道',
          community: '东坡社区',
          branchName: '幸福里小区党支部',
          ownersCommitteeName: '幸福里小区业主委员会',
          councilName: '幸福里小区共建理事会',
          address: '杭州市上城区幸福路 1 号',
          contactPhone: '0571-87001234 转 8001',
          totalArea: '12345.67',
          totalOwners: '1200',
          ownersCommitteeSize: '7',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        compoundName: '幸福里小区',
        street: '湖滨街道',
        community: '东坡社区',
        branchName: '幸福里小区党支部',
        ownersCommitteeName: '幸福里小区业主委员会',
        councilName: '幸福里小区共建理事会',
        address: '杭州市上城区幸福路 1 号',
        contactPhone: '0571-87001234 转 8001',
        totalAreaDm2: 1234567,
        totalOwners: 1200,
        ownersCommitteeSize: 7,
      },
    });
  });

  it.each([
    ['S1', input({ compoundName: '小'.repeat(101) }), 'compoundName', 'TEXT_TOO_LONG'],
    ['S1', input({ address: '址'.repeat(201) }), 'address', 'TEXT_TOO_LONG'],
    ['S1', input({ contactPhone: '1'.repeat(31) }), 'contactPhone', 'TEXT_TOO_LONG'],
    ['S2', input({ totalArea: '很大' }), 'totalArea', 'AREA_INVALID'],
    ['S2', input({ totalArea: '1.234' }), 'totalArea', 'AREA_TOO_PRECISE'],
    ['S2', input({ totalArea: '2000000000' }), 'totalArea', 'AREA_TOO_LARGE'],
    ['S4', input({ totalOwners: '12.5' }), 'totalOwners', 'COUNT_INVALID'],
    ['S4', input({ ownersCommitteeSize: '999999999' }), 'ownersCommitteeSize', 'COUNT_TOO_LARGE'],
    ['S5', input({ totalOwners: '5', ownersCommitteeSize: '7' }), 'ownersCommitteeSize', 'COMMITTEE_EXCEEDS_OWNERS'],
  ] as const)('%s %s → %s', (_id, form, field, code) => {
    const r = validateCompoundProfile(form);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]?.code).toBe(code);
  });
});

describe('S6 savedSettingsDoc', () => {
  const t1 = { at: '2025-01-01T00:00:00.000Z', by: '本机用户' };
  const t2 = { at: '2025-02-01T00:00:00.000Z', by: '王书记' };

  it('S6 the first save creates the compound document', () => {
    expect(savedSettingsDoc(undefined, { compoundName: '幸福里' }, t1)).toEqual({
      id: 'compound',
      compoundName: '幸福里',
      createdAt: t1.at,
      createdBy: t1.by,
      updatedAt: t1.at,
      updatedBy: t1.by,
    });
  });

  it('S6 a later save keeps other settings and removes cleared profile fields', () => {
    const old: SettingsDoc = {
      id: 'compound',
      compoundName: '幸福里',
      street: '湖滨街道',
      totalAreaDm2: 100,
      noticeDays: 7,
      fiscalYearStartMonth: 1,
      propertyCompanyId: 'o1',
      createdAt: t1.at,
      createdBy: t1.by,
      updatedAt: t1.at,
      updatedBy: t1.by,
    };
    expect(savedSettingsDoc(old, { compoundName: '幸福里小区', totalOwners: 10 }, t2)).toEqual({
      id: 'compound',
      compoundName: '幸福里小区',
      totalOwners: 10,
      noticeDays: 7,
      fiscalYearStartMonth: 1,
      propertyCompanyId: 'o1',
      createdAt: t1.at,
      createdBy: t1.by,
      updatedAt: t2.at,
      updatedBy: t2.by,
    });
  });

  it('S2 S3 profileInputOf shows stored values as form text', () => {
    expect(profileInputOf({ totalAreaDm2: 1234567, totalOwners: 0, compoundName: '幸福里' })).toEqual(
      input({ compoundName: '幸福里', totalArea: '12345.67', totalOwners: '0' }),
    );
    expect(profileInputOf(undefined)).toEqual(empty);
  });
});

describe('S7 validateOperatorName', () => {
  it.each([
    ['  王书记 ', { ok: true, value: '王书记' }],
    ['', { ok: true, value: undefined }],
    ['   ', { ok: true, value: undefined }],
    ['名'.repeat(50), { ok: true, value: '名'.repeat(50) }],
    ['名'.repeat(51), { ok: false, error: { code: 'OPERATOR_NAME_TOO_LONG', detail: { max: 50 } } }],
  ])('S7 %j', (text, expected) => expect(validateOperatorName(text)).toEqual(expected));
});
