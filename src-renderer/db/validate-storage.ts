// Schema validation of every write, without evaluating strings as code.
//
// The renderer runs under a CSP without 'unsafe-eval' (shared/web/csp.ts). RxDB's validate-ajv and
// validate-is-my-json-valid compile validators with `new Function`, so the database would refuse to open; its
// validate-z-schema rejects our timestamp pattern as a possible ReDoS. @cfworker/json-schema interprets the schema
// (it was written for Cloudflare Workers, which forbid eval too). The server keeps ajv: it has no CSP.
import { Validator, type Schema } from '@cfworker/json-schema';
import {
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageInstanceCreationParams,
  type RxStorageWriteError,
} from 'rxdb';

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

/**
 * Writes the sync engine makes of what the server already validated against the same schema (the protocol refuses a
 * client whose schema fingerprint differs): the server's versions (pull), the acceptance of what this PC wrote
 * (confirm), and a held document marked for a new push (repair). Validating them again would cost about a tenth of a
 * first sync's time for nothing. Merges and every user write are validated.
 */
export const SERVER_VALIDATED_CONTEXTS: ReadonlySet<string> = new Set(['linli-sync-pull', 'linli-sync-confirm', 'linli-sync-repair']);

/** As RxDB's wrappedValidateStorageFactory, but writes in SERVER_VALIDATED_CONTEXTS are not validated again. */
export function wrappedValidateStorage<Internals, Options>(args: { storage: RxStorage<Internals, Options> }): RxStorage<Internals, Options> {
  return Object.assign({}, args.storage, {
    name: `validate-cfworker-json-schema-${args.storage.name}`,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const instance = await args.storage.createStorageInstance(params);
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      let validate: ReturnType<typeof getValidator> | undefined;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows: BulkWriteRow<RxDocType>[], context: string): Promise<RxStorageBulkWriteResponse<RxDocType>> => {
        if (SERVER_VALIDATED_CONTEXTS.has(context)) return write(rows, context);
        validate ??= getValidator(params.schema as RxJsonSchema<unknown>);
        const errors: RxStorageWriteError<RxDocType>[] = [];
        const valid: BulkWriteRow<RxDocType>[] = [];
        for (const row of rows) {
          const validationErrors = validate(row.document);
          if (validationErrors.length === 0) valid.push(row);
          else
            errors.push({
              status: 422,
              isError: true,
              documentId: String((row.document as Record<string, unknown>)[primaryPath]),
              validationErrors,
              schema: instance.schema,
              writeRow: row,
              context,
            } as RxStorageWriteError<RxDocType>);
        }
        const written = valid.length > 0 ? write(valid, context) : Promise.resolve({ error: [] } as RxStorageBulkWriteResponse<RxDocType>);
        return written.then((result) => ({ ...result, error: [...result.error, ...errors] }));
      };
      return instance;
    },
  });
}
