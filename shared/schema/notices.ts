import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, dateField, idField, monthField, shortText, timestampField } from './fields';

export const NOTICE_KINDS = ['general', 'resolution', 'finance', 'task', 'meeting'] as const;

/** 公告: a notice for the bulletin board, possibly started from a decision, a ledger period or a task. */
export const noticesSchemaLiteral = {
  title: 'notices',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: NOTICE_KINDS, maxLength: 20 },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    /** Plain text with blank-line paragraphs. */
    body: shortText(200_000),
    /** 落款: the issuing bodies, e.g. 某某小区党支部、业委会. */
    issuers: { type: 'array', maxItems: 6, items: shortText(100) },
    issueDate: dateField,
    /** 张贴期 */
    postFrom: dateField,
    postUntil: dateField,
    status: { type: 'string', enum: ['draft', 'published', 'withdrawn'], maxLength: 10 },
    publishedAt: timestampField,
    publishedBy: shortText(100),
    template: shortText(50),
    source: {
      type: 'object',
      additionalProperties: false,
      properties: {
        meetingId: idField,
        resolutionId: idField,
        period: monthField,
        taskId: idField,
        /** Decision text and vote summary captured when the notice was started. */
        resolutionText: shortText(20_000),
        voteSummary: shortText(2000),
      },
    },
    printedAt: timestampField,
  },
  required: [...baseRequired, 'kind', 'title', 'body', 'status'],
  indexes: ['status'],
} as const;

const _typed = toTypedRxJsonSchema(noticesSchemaLiteral);
export type NoticeDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const noticesSchema: RxJsonSchema<NoticeDoc> = noticesSchemaLiteral as unknown as RxJsonSchema<NoticeDoc>;
