import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, dateField, idField, partyField, shortText, timestampField } from './fields';

export const TASK_STATUSES = [
  'assigned', // 已派发, waiting for the lead party to take it
  'in_progress', // 办理中
  'submitted', // 待验收: the lead party says it is done
  'returned', // 退回重办
  'done', // 已办结
  'escalated', // 已上报 (to the community / street)
  'cancelled', // 已撤销
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** 六方联动 task: one matter led by one party, with co-parties, an owner and a due date. */
export const tasksSchemaLiteral = {
  title: 'tasks',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: shortText(20_000),
    category: shortText(50),
    /** Where in the compound, e.g. 3号楼2单元. */
    location: shortText(200),
    leadParty: partyField,
    coParties: { type: 'array', maxItems: 6, uniqueItems: true, items: partyField },
    /** The person responsible, from the roster. */
    ownerId: idField,
    ownerName: shortText(100),
    leadOrganizationId: idField,
    dueDate: dateField,
    priority: { type: 'string', enum: ['normal', 'urgent'], maxLength: 10 },
    status: { type: 'string', enum: TASK_STATUSES, maxLength: 20 },
    /** Where it came from: a meeting decision, a resident's report, … */
    source: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['meeting', 'resident', 'inspection', 'superior', 'other'] },
        meetingId: idField,
        resolutionId: idField,
        actionItemId: idField,
        reporterName: shortText(100),
        reporterPhone: shortText(20),
      },
    },
    startedAt: timestampField,
    submittedAt: timestampField,
    closedAt: timestampField,
    acceptedBy: shortText(100),
    /** Resident satisfaction after closing (1–5), for the disclosure of results. */
    satisfaction: { type: 'integer', minimum: 1, maximum: 5 },
    result: shortText(20_000),
  },
  required: [...baseRequired, 'title', 'leadParty', 'status', 'priority'],
  indexes: ['status'],
} as const;

const _typed = toTypedRxJsonSchema(tasksSchemaLiteral);
export type TaskDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const tasksSchema: RxJsonSchema<TaskDoc> = tasksSchemaLiteral as unknown as RxJsonSchema<TaskDoc>;
