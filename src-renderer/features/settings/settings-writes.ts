import { savedSettingsDoc, type CompoundProfileValues } from '../../../shared/domain/settings';
import { ok, type Result } from '../../../shared/result';
import { SETTINGS_ID } from '../../../shared/schema';
import { createdFields, updatedFields } from '../../../shared/domain/common/stamp';
import type { LinliDatabase } from '../../db/database';
import { currentStamp } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';

/** S6: creates the compound document on the first save, later replaces only the profile fields. */
export async function saveCompoundProfile(db: LinliDatabase, values: CompoundProfileValues): Promise<Result<true, WriteError>> {
  const stamp = currentStamp();
  const r = await attemptWrite(async () => {
    const existing = await db.settings.findOne(SETTINGS_ID).exec();
    if (existing) await existing.incrementalModify((old) => savedSettingsDoc(old, values, stamp));
    else await db.settings.insert(savedSettingsDoc(undefined, values, stamp));
  });
  return r.ok ? ok(true) : r;
}

/** The compound's own days off and extra workdays (六方联动 due dates and 催办 count working days with them). */
export async function saveCalendarDays(
  db: LinliDatabase,
  days: { daysOff: readonly string[]; extraWorkdays: readonly string[] },
): Promise<Result<true, WriteError>> {
  const stamp = currentStamp();
  const values = { daysOff: [...days.daysOff], extraWorkdays: [...days.extraWorkdays] };
  const r = await attemptWrite(async () => {
    const existing = await db.settings.findOne(SETTINGS_ID).exec();
    if (existing) await existing.incrementalModify((old) => ({ ...old, ...values, ...updatedFields(stamp) }));
    else await db.settings.insert({ id: SETTINGS_ID, ...createdFields(stamp), ...values });
  });
  return r.ok ? ok(true) : r;
}
