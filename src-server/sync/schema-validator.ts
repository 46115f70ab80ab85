// Validates pushed documents against the same RxDB JSON schemas as the client (shared/schema), with ajv in strict
// mode and RxDB's own keywords registered (as rxdb/plugins/validate-ajv does).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../../shared/schema';

export type SchemaProblem = { message: string; path: string };
export type DocValidator = (doc: unknown) => SchemaProblem | null;

// ajv-formats is CommonJS with `exports.default`; under ESM interop the function may sit on `.default`.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats =
  typeof addFormatsModule === 'function'
    ? (addFormatsModule as unknown as AddFormats)
    : (addFormatsModule as unknown as { default: AddFormats }).default;

const RXDB_KEYWORDS = ['version', 'keyCompression', 'primaryKey', 'indexes', 'encrypted', 'final', 'sharding', 'internalIndexes', 'attachments', 'ref', 'crdt'];

function describe(e: ErrorObject): SchemaProblem {
  const path = e.instancePath === '' ? '' : e.instancePath;
  switch (e.keyword) {
    case 'required':
      return { path: `${path}/${String((e.params as { missingProperty?: unknown }).missingProperty ?? '')}`, message: `${e.message ?? 'required'}` };
    case 'additionalProperties':
      return {
        path: `${path}/${String((e.params as { additionalProperty?: unknown }).additionalProperty ?? '')}`,
        message: 'unknown field (not in the schema)',
      };
    default:
      return { path, message: e.message ?? e.keyword };
  }
}

export function createSchemaValidators(): { readonly [C in CollectionName]: DocValidator } {
  const ajv = new Ajv({ strict: true, allErrors: false });
  for (const k of RXDB_KEYWORDS) ajv.addKeyword(k);
  addFormats(ajv);
  const out = {} as Record<CollectionName, DocValidator>;
  for (const name of COLLECTION_NAMES) {
    const schema = COLLECTIONS[name].schema as unknown as { properties: Record<string, unknown>; required?: readonly string[] };
    // On the wire a document carries RxDB's _deleted flag beside the schema's fields (RxDB adds it the same way).
    const wire = { ...schema, properties: { ...schema.properties, _deleted: { type: 'boolean' } }, required: [...(schema.required ?? []), '_deleted'] };
    const fn: ValidateFunction = ajv.compile(wire);
    out[name] = (doc) => {
      if (fn(doc)) return null;
      const first = fn.errors?.[0];
      return first ? describe(first) : { path: '', message: 'invalid' };
    };
  }
  return out;
}
