import { savedSettingsDoc, type CompoundProfileValues } from '../../../shared/domain/settings';
import { ok, type Result } from '../../../shared/result';
import { SETTINGS_ID } from '../../../shared/schema';
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
