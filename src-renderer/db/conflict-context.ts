// What the sync engine needs to stamp a conflict copy: who, which device, when, and new ids. It is given to the
// database when it opens (openDatabase({ conflict })) and read back by the engine with conflictContextOf(db), so the
// database never imports sync and tests can inject a fixed clock and ids.
export type ConflictContext = { operator: () => string; deviceId: () => string; now?: () => string; newId?: () => string };
