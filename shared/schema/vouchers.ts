import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, countField, dateField, fenField, idField, monthField, shortText, timestampField } from './fields';

/**
 * Supporting documents (发票, 收据 photos or scans) of a voucher: the file's content lives in the content-addressed
 * blob store (server `blobs` table, the app's db/blobs.ts), the voucher names it by SHA-256. Version 3.
 */
export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
/** One file at most 5 MiB (the server answers 413 above it). */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_MAX = 20;
/** A SHA-256, lower-case hex. */
export const BLOB_HASH_PATTERN = '^[0-9a-f]{64}$';

/**
 * 记账凭证: double-entry lines in integer fen (SPEC L-V1–L-V22). draft → reviewed → posted; a posted voucher is never
 * edited, it is reversed (红字冲销). Its 记-N number is derived, never stored (L-N1): storing it would mean rewriting
 * posted vouchers when two offline PCs picked the same one. Version 3 adds `attachments` (identity migration).
 */
export const vouchersSchemaLiteral = {
  title: 'vouchers',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    date: dateField,
    /** Accounting period, YYYY-MM: the month of `date`. */
    period: monthField,
    /** 摘要 */
    summary: { type: 'string', minLength: 1, maxLength: 200 },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'accountId', 'debitFen', 'creditFen'],
        properties: {
          id: idField,
          accountId: idField,
          summary: shortText(200),
          /** Negative (红字) only in a reversal (L-V5). */
          debitFen: fenField,
          creditFen: fenField,
          /** The restricted-fund project this money belongs to (L-V8). */
          projectId: idField,
        },
      },
    },
    /** 附单据张数 (receipts kept on paper; the editor defaults it to the number of attached files). */
    attachmentCount: countField,
    /** Attached files, by content hash (v3). A posted voucher's attachments never change (L-V21, L-S3). */
    attachments: {
      type: 'array',
      maxItems: ATTACHMENTS_MAX,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['hash', 'name', 'mime', 'size'],
        properties: {
          hash: { type: 'string', minLength: 64, maxLength: 64, pattern: BLOB_HASH_PATTERN },
          /** The file name as attached, e.g. 发票.jpg. */
          name: { type: 'string', minLength: 1, maxLength: 200 },
          mime: { type: 'string', enum: ATTACHMENT_MIMES, maxLength: 40 },
          /** Bytes. */
          size: { type: 'integer', minimum: 1, maximum: ATTACHMENT_MAX_BYTES },
        },
      },
    },
    /** 收付对象 */
    counterparty: shortText(200),
    status: { type: 'string', enum: ['draft', 'reviewed', 'posted'], maxLength: 10 },
    /** 制单 / 审核 / 记账: names, with roster person ids when known (compared first, L-V12). */
    preparedBy: shortText(100),
    preparedById: idField,
    reviewedBy: shortText(100),
    reviewedById: idField,
    reviewedAt: timestampField,
    postedAt: timestampField,
    postedBy: shortText(100),
    /**
     * This voucher reverses (红冲) another one; the push finds an original's reversals by it. Not indexed: the Dexie
     * storage indexes required fields only, and '' for "none" would break every `reversalOf !== undefined`.
     */
    reversalOf: idField,
    reversedBy: idField,
    note: shortText(2000),
  },
  required: [...baseRequired, 'date', 'period', 'summary', 'lines', 'status', 'preparedBy'],
  indexes: ['period', 'date'],
} as const;

const _typed = toTypedRxJsonSchema(vouchersSchemaLiteral);
export type VoucherDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const vouchersSchema: RxJsonSchema<VoucherDoc> = vouchersSchemaLiteral as unknown as RxJsonSchema<VoucherDoc>;
