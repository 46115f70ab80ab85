import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, idField, partyField, shortText, timestampField } from './fields';
import { TASK_STATUSES } from './tasks';

/**
 * One entry of a task's follow-up log (进展记录). Append-only and one document each, so that parties writing
 * progress at the same time never conflict with one another.
 */
export const taskUpdatesSchemaLiteral = {
  title: 'task_updates',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    taskId: idField,
    kind: { type: 'string', enum: ['comment', 'progress', 'status'], maxLength: 10 },
    /** For kind 'status': the action taken and the transition it made. */
    action: shortText(30),
    fromStatus: { type: 'string', enum: TASK_STATUSES },
    toStatus: { type: 'string', enum: TASK_STATUSES },
    text: shortText(20_000),
    party: partyField,
    authorId: idField,
    authorName: shortText(100),
    /** When it happened (may precede createdAt when entered afterwards). */
    at: timestampField,
  },
  required: [...baseRequired, 'taskId', 'kind', 'text', 'at'],
  indexes: ['taskId'],
} as const;

const _typed = toTypedRxJsonSchema(taskUpdatesSchemaLiteral);
export type TaskUpdateDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const taskUpdatesSchema: RxJsonSchema<TaskUpdateDoc> = taskUpdatesSchemaLiteral as unknown as RxJsonSchema<TaskUpdateDoc>;
