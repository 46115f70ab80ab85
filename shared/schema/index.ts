// Every collection of the one RxDB database, shared by the renderer and the sync server (which validates pushes
// against the same schemas). At most 10 collections — and this is 10: open-source RxDB allows 13
// open per JS realm.
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { accountsSchema, type AccountDoc } from './accounts';
import { bankReconciliationsSchema, type BankReconciliationDoc } from './bank-reconciliations';
import { migrateAccountV1ToV2, migratePeriodV1ToV2, migrateVoucherV1ToV2, migrateVoucherV2ToV3 } from './ledger-migrations';
import { meetingsSchema, type MeetingDoc } from './meetings';
import { migrateNoticeV1ToV2 } from './notice-migrations';
import { noticesSchema, type NoticeDoc } from './notices';
import { periodsSchema, type PeriodDoc } from './periods';
import { rosterSchema, type RosterDoc } from './roster';
import { settingsSchema, type SettingsDoc } from './settings';
import { taskUpdatesSchema, type TaskUpdateDoc } from './task-updates';
import { migrateTaskUpdateV1ToV2, migrateTaskV1ToV2 } from './task-migrations';
import { tasksSchema, type TaskDoc } from './tasks';
import { vouchersSchema, type VoucherDoc } from './vouchers';

export type CollectionDocs = {
  roster: RosterDoc;
  settings: SettingsDoc;
  meetings: MeetingDoc;
  tasks: TaskDoc;
  task_updates: TaskUpdateDoc;
  accounts: AccountDoc;
  vouchers: VoucherDoc;
  periods: PeriodDoc;
  bank_reconciliations: BankReconciliationDoc;
  notices: NoticeDoc;
};
export type CollectionName = keyof CollectionDocs;

export type CollectionDefinition<T> = {
  schema: RxJsonSchema<T>;
  /** One function per schema version above 0 (RxDB migrationStrategies). */
  migrationStrategies: MigrationStrategies;
};

/**
 * Version 1 added `sync` (issue #7). A document written before it is marked as an unpushed change based on nothing:
 * its first push either matches what the server holds (and is confirmed with the server's seq) or is merged.
 */
const markUnsynced = (doc: Record<string, unknown>) => ({ ...doc, sync: { seq: 0, dirty: true } });
const v1 = { 1: markUnsynced };
const same = (doc: Record<string, unknown>) => doc;

export const COLLECTIONS: { [K in CollectionName]: CollectionDefinition<CollectionDocs[K]> } = {
  roster: { schema: rosterSchema, migrationStrategies: v1 },
  settings: { schema: settingsSchema, migrationStrategies: { ...v1, 2: same } },
  meetings: { schema: meetingsSchema, migrationStrategies: v1 },
  tasks: { schema: tasksSchema, migrationStrategies: { ...v1, 2: migrateTaskV1ToV2 } },
  task_updates: { schema: taskUpdatesSchema, migrationStrategies: { ...v1, 2: migrateTaskUpdateV1ToV2 } },
  accounts: { schema: accountsSchema, migrationStrategies: { ...v1, 2: migrateAccountV1ToV2 } },
  vouchers: { schema: vouchersSchema, migrationStrategies: { ...v1, 2: migrateVoucherV1ToV2, 3: migrateVoucherV2ToV3 } },
  periods: { schema: periodsSchema, migrationStrategies: { ...v1, 2: migratePeriodV1ToV2 } },
  // New in issue #12, born with `sync`: no earlier version to migrate from.
  bank_reconciliations: { schema: bankReconciliationsSchema, migrationStrategies: {} },
  notices: { schema: noticesSchema, migrationStrategies: { ...v1, 2: migrateNoticeV1ToV2 } },
};

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export * from './fields';
export * from './roster';
export * from './settings';
export * from './meetings';
export * from './tasks';
export * from './task-updates';
export * from './accounts';
export * from './vouchers';
export * from './periods';
export * from './bank-reconciliations';
export * from './notices';
