import {
  ORGANIZATION_TYPES,
  PARTY_LABELS,
  ROLE_LABELS,
  type RosterRecord,
} from '../../../shared/domain/roster';
import { PARTIES, PERSON_ROLES } from '../../../shared/schema';
import type { Option } from '../../ui/fields';

export const PARTY_OPTIONS: readonly Option[] = PARTIES.map((p) => ({ value: p, label: PARTY_LABELS[p] }));
export const ROLE_OPTIONS: readonly Option[] = PERSON_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
export const ORGANIZATION_TYPE_OPTIONS: readonly Option[] = ORGANIZATION_TYPES.map((p) => ({
  value: p,
  label: PARTY_LABELS[p],
}));

/** "3号楼 2单元 301" */
export const addressOf = (doc: Pick<RosterRecord, 'building' | 'unit' | 'room'>): string =>
  [doc.building, doc.unit, doc.room].filter((p) => p !== undefined && p !== '').join(' ');
