import type { FieldError, FieldErrors } from '../common/field-error';

/** Every coded failure of the roster rules (see SPEC.md). */
export type RosterErrorCode =
  | 'NAME_REQUIRED'
  | 'NAME_TOO_LONG'
  | 'PHONE_INVALID'
  | 'PARTY_REQUIRED'
  | 'PARTY_UNKNOWN'
  | 'ROLE_UNKNOWN'
  | 'TEXT_TOO_LONG'
  | 'ORGANIZATION_UNKNOWN'
  | 'ORG_TYPE_REQUIRED'
  | 'ORG_TYPE_INVALID'
  | 'AGREEMENT_DATE_INVALID'
  | 'SERVICE_ITEMS_TOO_MANY'
  | 'SERVICE_ITEM_TOO_LONG'
  | 'ALREADY_LEFT'
  | 'ALREADY_ACTIVE'
  | 'LEFT_DATE_INVALID'
  | 'LEFT_DATE_IN_FUTURE'
  | 'REFERENCED';

export type RosterError = FieldError<RosterErrorCode>;
export type RosterFieldErrors<F extends string> = FieldErrors<F, RosterErrorCode>;
