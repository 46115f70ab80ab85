// R16: building the stored documents from validated form values.
import type { RosterDoc } from '../../schema';
import { createdFields, updatedFields, type Stamp } from '../common/stamp';
import type { OrganizationValues, PersonValues } from './validate';

const PERSON_FORM_FIELDS = [
  'name', 'party', 'roles', 'phone', 'building', 'unit', 'room', 'post', 'organizationId', 'note',
] as const satisfies readonly (keyof PersonValues)[];
const ORGANIZATION_FORM_FIELDS = [
  'name', 'party', 'contactName', 'contactPhone', 'address', 'agreementDate', 'serviceItems', 'note',
] as const satisfies readonly (keyof OrganizationValues)[];

function without(doc: RosterDoc, fields: readonly string[]): RosterDoc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !fields.includes(k))) as RosterDoc;
}

const created = (id: string, stamp: Stamp) => ({ id, status: 'active' as const, ...createdFields(stamp) });

export function newPersonDoc(id: string, values: PersonValues, stamp: Stamp): RosterDoc {
  return { ...created(id, stamp), kind: 'person', ...values };
}

export function newOrganizationDoc(id: string, values: OrganizationValues, stamp: Stamp): RosterDoc {
  return { ...created(id, stamp), kind: 'organization', ...values };
}

export function editPersonDoc(old: RosterDoc, values: PersonValues, stamp: Stamp): RosterDoc {
  if (old.kind !== 'person') throw new Error(`editPersonDoc on a ${old.kind}: ${old.id}`);
  return { ...without(old, PERSON_FORM_FIELDS), ...values, ...updatedFields(stamp) };
}

export function editOrganizationDoc(old: RosterDoc, values: OrganizationValues, stamp: Stamp): RosterDoc {
  if (old.kind !== 'organization') throw new Error(`editOrganizationDoc on a ${old.kind}: ${old.id}`);
  return { ...without(old, ORGANIZATION_FORM_FIELDS), ...values, ...updatedFields(stamp) };
}
