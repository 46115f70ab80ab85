// Test helper: a generated notice, stored as the app stores it, is valid against the notices schema and issuable.
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { noticesSchemaLiteral, type NoticeDoc } from '../../../schema';
import { noticeProblems } from '../issue';
import { asStored } from './fixtures';

const validate = new Ajv({ strict: false }).compile(noticesSchemaLiteral);

export function expectStorableAndIssuable(content: object): void {
  const doc = asStored(content) as unknown as NoticeDoc;
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(noticeProblems(doc, { forIssue: true })).toEqual([]);
}
