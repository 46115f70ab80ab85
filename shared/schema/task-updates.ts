import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, dateField, idField, partyField, shortText, timestampField } from './fields';
import { TASK_STATUSES } from './tasks';

export const TASK_UPDATE_KINDS = [
  'comment', // 备注
  'progress', // 办理进展
  'status', // a status change (mirrors one entry of the task's transitions)
  'urge', // 催办: raised the working day after a missed due date
  'escalation', // 上报支部书记: 5 working days after the 催办
] as const;
export type TaskUpdateKind = (typeof TASK_UPDATE_KINDS)[number];

/** Photos are kept small (resized in the app before saving): at most 3, each a data: URL of at most 400 kB. */
export const PHOTO_DATA_URL_MAX = 400_000;

/**
 * One entry of a task's follow-up log (进展记录). Append-only and one document each, so that parties writing
 * progress at the same time never conflict with one another. 催办 and escalation entries have deterministic ids
 * and content, so two PCs computing the same one offline write the same document.
 */
export const taskUpdatesSchemaLiteral = {
  title: 'task_updates',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    taskId: idField,
    kind: { type: 'string', enum: TASK_UPDATE_KINDS, maxLength: 20 },
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
    /** urge / escalation: the due date it was raised against (part of its id). */
    dueDate: dateField,
    photos: {
      type: 'array',
      maxItems: 3,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'dataUrl'],
        properties: {
          id: idField,
          name: shortText(200),
          dataUrl: { type: 'string', maxLength: PHOTO_DATA_URL_MAX, pattern: '^data:image/(jpeg|png|webp);base64,' },
        },
      },
    },
  },
  required: [...baseRequired, 'taskId', 'kind', 'text', 'at'],
  indexes: ['taskId'],
} as const;

const _typed = toTypedRxJsonSchema(taskUpdatesSchemaLiteral);
export type TaskUpdateDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const taskUpdatesSchema: RxJsonSchema<TaskUpdateDoc> = taskUpdatesSchemaLiteral as unknown as RxJsonSchema<TaskUpdateDoc>;
