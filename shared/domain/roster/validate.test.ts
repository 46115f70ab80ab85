import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';
import {
  parseServiceItems,
  validateOrganization,
  validatePerson,
  type OrganizationInput,
  type PersonInput,
} from './validate';

const person = (over: Partial<PersonInput> = {}): PersonInput => ({
  name: '张建国',
  phone: '',
  building: '',
  unit: '',
  room: '',
  party: 'branch',
  roles: [],
  post: '',
  organizationId: '',
  note: '',
  ...over,
});

const org = (over: Partial<OrganizationInput> = {}): OrganizationInput => ({
  name: '绿城物业',
  party: 'property',
  contactName: '',
  contactPhone: '',
  address: '',
  agreementDate: '',
  serviceItems: '',
  note: '',
  ...over,
});

describe('validatePerson — failures', () => {
  it.each([
    ['R1', person({ name: '' }), 'name', 'NAME_REQUIRED'],
    ['R1', person({ name: '   ' }), 'name', 'NAME_REQUIRED'],
    ['R1', person({ name: '张'.repeat(101) }), 'name', 'NAME_TOO_LONG'],
    ['R2', person({ phone: '12345' }), 'phone', 'PHONE_INVALID'],
    ['R2', person({ phone: '12800138000' }), 'phone', 'PHONE_INVALID'],
    ['R2', person({ phone: '1380013800' }), 'phone', 'PHONE_INVALID'],
    ['R2', person({ phone: '0101-2345678' }), 'phone', 'PHONE_INVALID'],
    ['R2', person({ phone: '0571-876543' }), 'phone', 'PHONE_INVALID'],
    ['R2', person({ phone: '138-0013-8000a' }), 'phone', 'PHONE_INVALID'],
    ['R3', person({ party: '' }), 'party', 'PARTY_REQUIRED'],
    ['R3', person({ party: 'street_office' }), 'party', 'PARTY_UNKNOWN'],
    ['R4', person({ roles: ['volunteer', 'mayor'] }), 'roles', 'ROLE_UNKNOWN'],
    ['R5', person({ building: '1'.repeat(21) }), 'building', 'TEXT_TOO_LONG'],
    ['R5', person({ room: '1'.repeat(21) }), 'room', 'TEXT_TOO_LONG'],
    ['R5', person({ post: '主'.repeat(51) }), 'post', 'TEXT_TOO_LONG'],
    ['R5', person({ note: '备'.repeat(2001) }), 'note', 'TEXT_TOO_LONG'],
  ] as const)('%s %j → %s %s', (_id, input, field, code) => {
    const r = validatePerson(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]?.code).toBe(code);
  });

  it('R1 reports the limit with NAME_TOO_LONG', () => {
    expect(validatePerson(person({ name: 'x'.repeat(101) }))).toEqual({
      ok: false,
      error: { name: { code: 'NAME_TOO_LONG', detail: { max: 100 } } },
    });
  });

  it('R1–R3 report every failing field at once', () => {
    const r = validatePerson(person({ name: '', phone: 'abc', party: '' }));
    expect(r).toEqual({
      ok: false,
      error: { name: { code: 'NAME_REQUIRED' }, phone: { code: 'PHONE_INVALID' }, party: { code: 'PARTY_REQUIRED' } },
    });
  });

  it('R6 an unknown organisation is refused when the known ids are given', () => {
    const r = validatePerson(person({ organizationId: 'o9' }), { organizationIds: new Set(['o1']) });
    expect(r).toEqual({ ok: false, error: { organizationId: { code: 'ORGANIZATION_UNKNOWN' } } });
    expect(validatePerson(person({ organizationId: 'o1' }), { organizationIds: new Set(['o1']) }).ok).toBe(true);
  });
});

describe('validatePerson — values', () => {
  it('R1 R5 trims text and omits empty optional fields', () => {
    expect(validatePerson(person({ name: '  李秀英 ', building: ' 3号楼 ', unit: '', room: '  ' }))).toEqual({
      ok: true,
      value: { name: '李秀英', party: 'branch', roles: [], building: '3号楼' },
    });
  });

  it('R4 collapses repeated roles and keeps the canonical order', () => {
    const r = validatePerson(person({ roles: ['volunteer', 'party_member', 'volunteer'] }));
    expect(r.ok && r.value.roles).toEqual(['party_member', 'volunteer']);
  });

  it('stores every field of a complete person', () => {
    const r = validatePerson({
      name: '王芳',
      phone: '13900001111',
      building: '5号楼',
      unit: '1单元',
      room: '502',
      party: 'owners_committee',
      roles: ['owners_committee_member', 'owner_rep'],
      post: '业委会主任',
      organizationId: 'o1',
      note: '每周三值班',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        name: '王芳',
        phone: '13900001111',
        building: '5号楼',
        unit: '1单元',
        room: '502',
        party: 'owners_committee',
        roles: ['owner_rep', 'owners_committee_member'],
        post: '业委会主任',
        organizationId: 'o1',
        note: '每周三值班',
      },
    });
  });
});

describe('R2 normalizePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    [' 138 0013 8000 ', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['19912345678', '19912345678'],
    ['0571-87654321', '0571-87654321'],
    ['057187654321', '0571-87654321'],
    ['0571 87654321', '0571-87654321'],
    ['(0571)87654321', '0571-87654321'],
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['021-6123456', '021-6123456'],
    ['0755－88889999', '0755-88889999'],
  ])('%j → %j', (input, expected) => expect(normalizePhone(input)).toEqual({ ok: true, value: expected }));

  it.each(['', '110', '12800138000', '138001380001', '0101-2345678', '+1 4155550100', '0571-123', '13800138000转1'])(
    '%j is refused',
    (input) => expect(normalizePhone(input)).toEqual({ ok: false, error: 'PHONE_INVALID' }),
  );

  it('produces only numbers the schema pattern accepts', () => {
    const pattern = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
    for (const input of ['+86 138 0013 8000', '057187654321', '01012345678', '021 6123456']) {
      const r = normalizePhone(input);
      expect(r.ok && pattern.test(r.value)).toBe(true);
    }
  });
});

describe('validateOrganization', () => {
  it.each([
    ['R1', org({ name: '' }), 'name', 'NAME_REQUIRED'],
    ['R1', org({ name: '公'.repeat(101) }), 'name', 'NAME_TOO_LONG'],
    ['R2', org({ contactPhone: '8765' }), 'contactPhone', 'PHONE_INVALID'],
    ['R5', org({ contactName: '联'.repeat(51) }), 'contactName', 'TEXT_TOO_LONG'],
    ['R5', org({ address: '址'.repeat(201) }), 'address', 'TEXT_TOO_LONG'],
    ['R7', org({ party: '' }), 'party', 'ORG_TYPE_REQUIRED'],
    ['R7', org({ party: 'branch' }), 'party', 'ORG_TYPE_INVALID'],
    ['R7', org({ party: 'owners_committee' }), 'party', 'ORG_TYPE_INVALID'],
    ['R7', org({ party: 'bank' }), 'party', 'ORG_TYPE_INVALID'],
    ['R8', org({ party: 'co_builder', agreementDate: '2024-02-30' }), 'agreementDate', 'AGREEMENT_DATE_INVALID'],
    ['R8', org({ party: 'co_builder', agreementDate: '2024/03/15' }), 'agreementDate', 'AGREEMENT_DATE_INVALID'],
    ['R8', org({ party: 'co_builder', agreementDate: '去年' }), 'agreementDate', 'AGREEMENT_DATE_INVALID'],
    [
      'R8',
      org({ party: 'co_builder', serviceItems: Array.from({ length: 51 }, (_, i) => `项目${i}`).join('\n') }),
      'serviceItems',
      'SERVICE_ITEMS_TOO_MANY',
    ],
    ['R8', org({ party: 'co_builder', serviceItems: `义诊\n${'长'.repeat(101)}` }), 'serviceItems', 'SERVICE_ITEM_TOO_LONG'],
  ] as const)('%s %j → %s %s', (_id, input, field, code) => {
    const r = validateOrganization(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]?.code).toBe(code);
  });

  it('R8 keeps the agreement and service items of a 共建单位', () => {
    expect(
      validateOrganization(
        org({
          name: '市第一医院',
          party: 'co_builder',
          contactName: '刘医生',
          contactPhone: '0571 87654321',
          agreementDate: '２０２４-０３-１５',
          serviceItems: ' 义诊 \n\n健康讲座\n义诊\r\n',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        name: '市第一医院',
        party: 'co_builder',
        contactName: '刘医生',
        contactPhone: '0571-87654321',
        agreementDate: '2024-03-15',
        serviceItems: ['义诊', '健康讲座'],
      },
    });
  });

  it('R8 drops the agreement fields (even invalid ones) for other types', () => {
    expect(validateOrganization(org({ agreementDate: 'nonsense', serviceItems: '保洁' }))).toEqual({
      ok: true,
      value: { name: '绿城物业', party: 'property' },
    });
  });

  it('R8 parseServiceItems: one per line, blank lines and repeats dropped', () => {
    expect(parseServiceItems('a\n b \n\n a\r\nc')).toEqual(['a', 'b', 'c']);
    expect(parseServiceItems('')).toEqual([]);
  });
});
