import { err, ok, type Result } from '../../result';
import { toHalfWidth } from '../common/text';

const MOBILE = /^1[3-9]\d{9}$/;
// Three-digit area codes are 010 and 02x; all others have four digits, so the split is never ambiguous.
const LANDLINE = /^(010|02\d|0[3-9]\d{2})-?(\d{7,8})$/;

/**
 * R2: a mainland mobile or a landline with area code, as the schema's `phone` pattern accepts it.
 * Returns the canonical form to store (mobile digits only; landline `area-number`).
 */
export function normalizePhone(input: string): Result<string, 'PHONE_INVALID'> {
  const compact = toHalfWidth(input).trim().replace(/[\s()（）]/g, '');
  const mobile = compact.replace(/^(\+86|0086|86)(?=1[3-9]\d{9}$)/, '');
  if (MOBILE.test(mobile)) return ok(mobile);
  const landline = LANDLINE.exec(compact);
  if (landline) return ok(`${landline[1]}-${landline[2]}`);
  return err('PHONE_INVALID');
}
