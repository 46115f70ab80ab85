// Every collection of the one RxDB database, shared by the renderer and the sync server (which validates pushes
// against the same schemas). At most 10 collections: open-source RxDB allows 13 open per JS realm.
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { accountsSchema, type AccountDoc } from './accounts';
import { meetingsSchema, type MeetingDoc } from './meetings';
import { noticesSchema, type NoticeDoc } from './notices';
import { periodsSchema, type PeriodDoc } from './periods';
import { rosterSchema, type RosterDoc } from './roster';
import { settingsSchema, type SettingsDoc } from './settings';
import { taskUpdatesSchema, type TaskUpdateDoc } from './task-updates';
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
  notices: NoticeDoc;
};
export type CollectionName = keyof CollectionDocs;

export type CollectionDefinition<T> = {
  schema: RxJsonSchema<T>;
  /** One function per schema version above 0 (RxDB migrationStrategies). */
  migrationStrategies: MigrationStrategies;
};

export const COLLECTIONS: { [K in CollectionName]: CollectionDefinition<CollectionDocs[K]> } = {
  roster: { schema: rosterSchema, migrationStrategies: {} },
  settings: { schema: settingsSchema, migrationStrategies: {} },
  meetings: { schema: meetingsSchema, migrationStrategies: {} },
  tasks: { schema: tasksSchema, migrationStrategies: {} },
  task_updates: { schema: taskUpdatesSchema, migrationStrategies: {} },
  accounts: { schema: accountsSchema, migrationStrategies: {} },
  vouchers: { schema: vouchersSchema, migrationStrategies: {} },
  periods: { schema: periodsSchema, migrationStrategies: {} },
  notices: { schema: noticesSchema, migrationStrategies: {} },
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
export * from './notices';
