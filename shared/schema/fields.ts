// Reusable JSON-schema fragments. Every fragment names its type so ajv's strict mode (used by RxDB and the server) accepts it.

export const ID_MAX = 64;

export const idField = { type: 'string', maxLength: ID_MAX } as const;
/** An ISO-8601 UTC timestamp such as 2026-11-25T08:30:00.000Z. */
export const timestampField = { type: 'string', maxLength: 30, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' } as const;
/** A calendar date (local to the compound), YYYY-MM-DD. */
export const dateField = { type: 'string', maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
/** A wall-clock time, HH:MM. */
export const timeField = { type: 'string', maxLength: 5, pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' } as const;
/** A month, YYYY-MM (accounting periods). */
export const monthField = { type: 'string', maxLength: 7, pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
/** Money is integer fen, never floats. */
export const fenField = { type: 'integer', minimum: -900_000_000_000_000, maximum: 900_000_000_000_000 } as const;
export const countField = { type: 'integer', minimum: 0, maximum: 100_000_000 } as const;
/** Floor area in square decimetres (1 dm² = 0.01 m²), an integer so that vote arithmetic stays exact. */
export const areaField = { type: 'integer', minimum: 0, maximum: 100_000_000_000 } as const;
export const shortText = (maxLength: number) => ({ type: 'string', maxLength }) as const;
export const idList = { type: 'array', maxItems: 2000, items: idField } as const;

/** The six parties of 六方联动. */
export const PARTIES = ['branch', 'owners_committee', 'property', 'social_org', 'co_builder', 'resident_group'] as const;
export type Party = (typeof PARTIES)[number];
export const partyField = { type: 'string', enum: PARTIES } as const;

/**
 * A conflict copy (issue #3): when two devices changed the same free-text field, the server's version stays in
 * place and the losing local version is kept here until a person resolves it. Values are JSON text so that one
 * shape serves every collection and every field.
 */
export const conflictsField = {
  type: 'array',
  maxItems: 200,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'path', 'mine', 'theirs', 'at', 'by', 'status'],
    properties: {
      id: idField,
      /** Dotted path of the field, e.g. "notes" or "topics.t1.notes". */
      path: shortText(300),
      mine: shortText(2_000_000),
      theirs: shortText(2_000_000),
      at: timestampField,
      by: shortText(100),
      device: shortText(100),
      status: { type: 'string', enum: ['open', 'kept_mine', 'kept_theirs', 'merged'] },
      resolvedAt: timestampField,
      resolvedBy: shortText(100),
    },
  },
} as const;

/** Fields every document carries. */
export const baseProperties = {
  id: idField,
  createdAt: timestampField,
  updatedAt: timestampField,
  /** Display name (and user id when logged in) of whoever wrote it, for the audit trail. */
  createdBy: shortText(100),
  updatedBy: shortText(100),
  conflicts: conflictsField,
  /**
   * Sync state (issue #7): `seq` is the server sequence of the version this document is based on (0 = never
   * synced); `dirty` marks a local change not yet accepted by the server. Set by the database's write hooks and
   * the sync engine only; the server stores neither and sends `seq` of each version it hands out.
   */
  sync: {
    type: 'object',
    additionalProperties: false,
    properties: { seq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, dirty: { type: 'boolean' } },
  },
} as const;

export const baseRequired = ['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;
