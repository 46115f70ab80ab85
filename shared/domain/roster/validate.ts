// R1–R8: form input (text as typed) → the values to store, or one coded error per field.
import { err, ok, type Result } from '../../result';
import { PERSON_ROLES, type Party, type PersonRole } from '../../schema';
import { hasErrors } from '../common/field-error';
import { charLength, isCalendarDate, optionalText, toHalfWidth } from '../common/text';
import type { RosterFieldErrors } from './errors';
import { isOrganizationType, isParty, isPersonRole, type OrganizationType } from './labels';
import { normalizePhone } from './phone';

export const LIMITS = {
  name: 100,
  building: 20,
  unit: 20,
  room: 20,
  post: 50,
  contactName: 50,
  address: 200,
  note: 2000,
  serviceItems: 50,
  serviceItem: 100,
} as const;

export type PersonInput = {
  name: string;
  phone: string;
  building: string;
  unit: string;
  room: string;
  party: string;
  roles: readonly string[];
  post: string;
  organizationId: string;
  note: string;
};
export type PersonField = keyof PersonInput;

export type PersonValues = {
  name: string;
  party: Party;
  roles: PersonRole[];
  phone?: string;
  building?: string;
  unit?: string;
  room?: string;
  post?: string;
  organizationId?: string;
  note?: string;
};

export type OrganizationInput = {
  name: string;
  /** The organisation's type, stored as its party. */
  party: string;
  contactName: string;
  contactPhone: string;
  address: string;
  agreementDate: string;
  /** 认领服务项目, one per line. */
  serviceItems: string;
  note: string;
};
export type OrganizationField = keyof OrganizationInput;

export type OrganizationValues = {
  name: string;
  party: OrganizationType;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  agreementDate?: string;
  serviceItems?: string[];
  note?: string;
};

export type ValidationContext = {
  /** Ids of the organisations a person may belong to (R6); unchecked when absent. */
  organizationIds?: ReadonlySet<string>;
};

type Errors<F extends string> = RosterFieldErrors<F>;

function checkName<F extends string>(errors: Errors<F>, field: F, input: string): string {
  const name = input.trim();
  if (name === '') errors[field] = { code: 'NAME_REQUIRED' };
  else if (charLength(name) > LIMITS.name) errors[field] = { code: 'NAME_TOO_LONG', detail: { max: LIMITS.name } };
  return name;
}

function checkText<F extends string>(errors: Errors<F>, field: F, input: string, max: number): string | undefined {
  const text = optionalText(input);
  if (text !== undefined && charLength(text) > max) errors[field] = { code: 'TEXT_TOO_LONG', detail: { max } };
  return text;
}

function checkPhone<F extends string>(errors: Errors<F>, field: F, input: string): string | undefined {
  if (optionalText(input) === undefined) return undefined;
  const phone = normalizePhone(input);
  if (!phone.ok) {
    errors[field] = { code: 'PHONE_INVALID' };
    return undefined;
  }
  return phone.value;
}

/** Drops undefined members so that cleared optional fields are absent, not `undefined`, in the stored document. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function validatePerson(
  input: PersonInput,
  context: ValidationContext = {},
): Result<PersonValues, RosterFieldErrors<PersonField>> {
  const errors: Errors<PersonField> = {};
  const name = checkName(errors, 'name', input.name);
  const phone = checkPhone(errors, 'phone', input.phone);
  const building = checkText(errors, 'building', input.building, LIMITS.building);
  const unit = checkText(errors, 'unit', input.unit, LIMITS.unit);
  const room = checkText(errors, 'room', input.room, LIMITS.room);
  const post = checkText(errors, 'post', input.post, LIMITS.post);
  const note = checkText(errors, 'note', input.note, LIMITS.note);

  const partyText = input.party.trim();
  let party: Party | undefined;
  if (partyText === '') errors.party = { code: 'PARTY_REQUIRED' };
  else if (!isParty(partyText)) errors.party = { code: 'PARTY_UNKNOWN' };
  else party = partyText;

  const unknownRole = input.roles.find((r) => !isPersonRole(r));
  if (unknownRole !== undefined) errors.roles = { code: 'ROLE_UNKNOWN', detail: { role: unknownRole } };
  const roles = PERSON_ROLES.filter((r) => input.roles.includes(r));

  const organizationId = optionalText(input.organizationId);
  if (organizationId !== undefined && context.organizationIds && !context.organizationIds.has(organizationId)) {
    errors.organizationId = { code: 'ORGANIZATION_UNKNOWN' };
  }

  if (hasErrors(errors) || party === undefined) return err(errors);
  return ok(compact({ name, party, roles, phone, building, unit, room, post, organizationId, note }));
}

/** R8: one service item per line; blank lines and repeats dropped, order kept. */
export function parseServiceItems(text: string): string[] {
  const items = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return [...new Set(items)];
}

export function validateOrganization(
  input: OrganizationInput,
): Result<OrganizationValues, RosterFieldErrors<OrganizationField>> {
  const errors: Errors<OrganizationField> = {};
  const name = checkName(errors, 'name', input.name);
  const contactName = checkText(errors, 'contactName', input.contactName, LIMITS.contactName);
  const contactPhone = checkPhone(errors, 'contactPhone', input.contactPhone);
  const address = checkText(errors, 'address', input.address, LIMITS.address);
  const note = checkText(errors, 'note', input.note, LIMITS.note);

  const typeText = input.party.trim();
  let party: OrganizationType | undefined;
  if (typeText === '') errors.party = { code: 'ORG_TYPE_REQUIRED' };
  else if (!isOrganizationType(typeText)) errors.party = { code: 'ORG_TYPE_INVALID' };
  else party = typeText;

  let agreementDate: string | undefined;
  let serviceItems: string[] | undefined;
  if (party === 'co_builder') {
    agreementDate = optionalText(toHalfWidth(input.agreementDate));
    if (agreementDate !== undefined && !isCalendarDate(agreementDate)) {
      errors.agreementDate = { code: 'AGREEMENT_DATE_INVALID' };
    }
    const items = parseServiceItems(input.serviceItems);
    if (items.length > LIMITS.serviceItems) {
      errors.serviceItems = { code: 'SERVICE_ITEMS_TOO_MANY', detail: { max: LIMITS.serviceItems } };
    } else {
      const tooLong = items.find((i) => charLength(i) > LIMITS.serviceItem);
      if (tooLong !== undefined) {
        errors.serviceItems = { code: 'SERVICE_ITEM_TOO_LONG', detail: { max: LIMITS.serviceItem, item: tooLong } };
      }
    }
    serviceItems = items.length > 0 ? items : undefined;
  }

  if (hasErrors(errors) || party === undefined) return err(errors);
  return ok(compact({ name, party, contactName, contactPhone, address, agreementDate, serviceItems, note }));
}
