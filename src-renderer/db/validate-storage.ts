// Schema validation of every write, without evaluating strings as code.
//
// The renderer runs under a CSP without 'unsafe-eval' (shared/web/csp.ts). RxDB's validate-ajv and
// validate-is-my-json-valid compile validators with `new Function`, so the database would refuse to open; its
// validate-z-schema rejects our timestamp pattern as a possible ReDoS. @cfworker/json-schema interprets the schema
// (it was written for Cloudflare Workers, which forbid eval too). The server keeps ajv: it has no CSP.
import { Validator, type Schema } from '@cfworker/json-schema';
import { wrappedValidateStorageFactory, type RxJsonSchema } from 'rxdb';

function getValidator(schema: RxJsonSchema<unknown>) {
  // Draft 7 is what the schemas are written in; RxDB's own keywords (primaryKey, indexes, version …) are ignored.
  // Not short-circuited: the log then names every failing field.
  // The validator annotates the schema it is given, and RxDB's dev-mode freezes schemas: give it a copy.
  const validator = new Validator(structuredClone(schema) as unknown as Schema, '7', false);
  return (docData: unknown) =>
    validator
      .validate(docData)
      .errors.filter((e) => e.keyword !== 'properties' && e.keyword !== 'items' && e.keyword !== 'allOf')
      .map((e) => ({ field: e.instanceLocation, message: `${e.keyword}: ${e.error}` }));
}

export const wrappedValidateStorage = wrappedValidateStorageFactory(getValidator, 'cfworker-json-schema');
