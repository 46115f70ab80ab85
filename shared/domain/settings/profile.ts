// S1, S4–S7: the compound profile form and the device-local operator name.
import { err, ok, type Result } from '../../result';
import { SETTINGS_ID, type SettingsDoc } from '../../schema';
import { createdFields, updatedFields, type Stamp } from '../common/stamp';
import { hasErrors, type FieldErrors } from '../common/field-error';
import { charLength, optionalText } from '../common/text';
import { formatAreaDm2, parseAreaM2, parseCount, type AreaErrorCode, type CountErrorCode } from '../common/decimal';

export type SettingsErrorCode =
  | AreaErrorCode
  | CountErrorCode
  | 'TEXT_TOO_LONG'
  | 'COMMITTEE_EXCEEDS_OWNERS'
  | 'OPERATOR_NAME_TOO_LONG';

const TEXT_FIELDS = {
  compoundName: 100,
  street: 100,
  community: 100,
  branchName: 100,
  ownersCommitteeName: 100,
  councilName: 100,
  address: 200,
  contactPhone: 30,
} as const;
type TextField = keyof typeof TEXT_FIELDS;

export type CompoundProfileInput = Record<TextField, string> & {
  /** 专有部分总面积 (the exclusive parts owners hold, 民法典 art. 278), m² as typed. */
  totalArea: string;
  totalOwners: string;
  ownersCommitteeSize: string;
};
export type CompoundProfileField = keyof CompoundProfileInput;

export type CompoundProfileValues = Partial<Record<TextField, string>> & {
  totalAreaDm2?: number;
  totalOwners?: number;
  ownersCommitteeSize?: number;
};

/** The settings fields this form owns; everything else in the document is left alone (S6). */
const PROFILE_FIELDS = [
  ...(Object.keys(TEXT_FIELDS) as TextField[]),
  'totalAreaDm2',
  'totalOwners',
  'ownersCommitteeSize',
] as const satisfies readonly (keyof SettingsDoc)[];

export function validateCompoundProfile(
  input: CompoundProfileInput,
): Result<CompoundProfileValues, FieldErrors<CompoundProfileField, SettingsErrorCode>> {
  const errors: FieldErrors<CompoundProfileField, SettingsErrorCode> = {};
  const values: CompoundProfileValues = {};

  for (const [field, max] of Object.entries(TEXT_FIELDS) as [TextField, number][]) {
    const text = optionalText(input[field]);
    if (text === undefined) continue;
    if (charLength(text) > max) errors[field] = { code: 'TEXT_TOO_LONG', detail: { max } };
    else values[field] = text;
  }

  if (optionalText(input.totalArea) !== undefined) {
    const area = parseAreaM2(input.totalArea);
    if (area.ok) values.totalAreaDm2 = area.value;
    else errors.totalArea = { code: area.error };
  }
  for (const field of ['totalOwners', 'ownersCommitteeSize'] as const) {
    if (optionalText(input[field]) === undefined) continue;
    const n = parseCount(input[field]);
    if (n.ok) values[field] = n.value;
    else errors[field] = { code: n.error };
  }
  if (
    values.ownersCommitteeSize !== undefined &&
    values.totalOwners !== undefined &&
    values.ownersCommitteeSize > values.totalOwners
  ) {
    errors.ownersCommitteeSize = { code: 'COMMITTEE_EXCEEDS_OWNERS' };
  }

  return hasErrors(errors) ? err(errors) : ok(values);
}

/** S6 */
export function savedSettingsDoc(
  old: SettingsDoc | undefined,
  values: CompoundProfileValues,
  stamp: Stamp,
): SettingsDoc {
  const base: SettingsDoc = old
    ? (Object.fromEntries(
        Object.entries(old).filter(([k]) => !(PROFILE_FIELDS as readonly string[]).includes(k)),
      ) as SettingsDoc)
    : { id: SETTINGS_ID, ...createdFields(stamp) };
  return { ...base, ...values, ...updatedFields(stamp) };
}

export const OPERATOR_NAME_MAX = 50;

/** S7: undefined = use the default name. */
export function validateOperatorName(text: string): Result<string | undefined, { code: 'OPERATOR_NAME_TOO_LONG'; detail: { max: number } }> {
  const name = optionalText(text);
  if (name !== undefined && charLength(name) > OPERATOR_NAME_MAX) {
    return err({ code: 'OPERATOR_NAME_TOO_LONG', detail: { max: OPERATOR_NAME_MAX } });
  }
  return ok(name);
}

/** Fields of the profile form, as text, from a stored document (for editing). */
export function profileInputOf(doc: Partial<SettingsDoc> | undefined): CompoundProfileInput {
  const d = doc ?? {};
  return {
    compoundName: d.compoundName ?? '',
    street: d.street ?? '',
    community: d.community ?? '',
    branchName: d.branchName ?? '',
    ownersCommitteeName: d.ownersCommitteeName ?? '',
    councilName: d.councilName ?? '',
    address: d.address ?? '',
    contactPhone: d.contactPhone ?? '',
    totalArea: d.totalAreaDm2 === undefined ? '' : formatAreaDm2(d.totalAreaDm2),
    totalOwners: d.totalOwners === undefined ? '' : String(d.totalOwners),
    ownersCommitteeSize: d.ownersCommitteeSize === undefined ? '' : String(d.ownersCommitteeSize),
  };
}
