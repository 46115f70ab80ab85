// fast-check arbitraries for fuzz.test.ts, derived from the collections' JSON schemas (shared/schema): documents that
// the schema accepts, and the same documents with exactly one thing broken (a wrong type, a string or array over its
// limit, deep nesting, a __proto__ / constructor / prototype key, an unknown field, a missing required field, a value
// outside its enum, pattern or range, text the database cannot hold), so that every one of them must be refused.
import fc from 'fast-check';
import { COLLECTIONS, type CollectionName } from '../../../shared/schema';
import { RXDB_INTERNAL_FIELDS } from '../../../shared/sync/protocol';

export type Json = Record<string, unknown>;

/** The subset of JSON schema the collections use (checked by the generator sanity test in fuzz.test.ts). */
export type Schema = {
  type?: string;
  properties?: Readonly<Record<string, Schema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: Schema;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
};

export const schemaOf = (c: CollectionName): Schema => COLLECTIONS[c].schema as unknown as Schema;

/** Top-level fields the server drops before validating (sync state, RxDB internals): breaking them breaks nothing. */
const NOT_STORED: ReadonlySet<string> = new Set([...RXDB_INTERNAL_FIELDS, 'sync']);

const two = (n: number) => String(n).padStart(2, '0');
const dateArb = fc.record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });

/** A valid string for each pattern the schemas use. */
const PATTERN_SAMPLES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$': fc
    .tuple(dateArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }))
    .map(([{ y, m, d }, h, min, ms]) => `${y}-${two(m)}-${two(d)}T${two(h)}:${two(min)}:00.${String(ms).padStart(3, '0')}Z`),
  '^\\d{4}-\\d{2}-\\d{2}$': dateArb.map(({ y, m, d }) => `${y}-${two(m)}-${two(d)}`),
  '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$': fc.constantFrom('13800138000', '0592-5551234', '15912345678'),
  '^([01]\\d|2[0-3]):[0-5]\\d$': fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${two(h)}:${two(m)}`),
  '^data:image/(jpeg|png|webp);base64,': fc.constantFrom('data:image/png;base64,iVBORw0KGgo=', 'data:image/jpeg;base64,/9j/4AAQ'),
  '^\\d{4}(\\d{2}){0,5}$': fc.constantFrom('1001', '100201', '5101', '22210101'),
  '^\\d{4}-(0[1-9]|1[0-2])$': dateArb.map(({ y, m }) => `${y}-${two(m)}`),
  '^[0-9a-f]{64}$': fc.constantFrom('0'.repeat(64), 'ab'.repeat(32), '3f'.repeat(32)),
  '^[0-9A-Za-z]{8,24}$': fc.constantFrom('ABCD1234', 'q9w8e7r6t5y4'),
};

const CJK_WORDS = ['王秘书', '3号楼2单元', '停水通知', '业委会', '北区停车场', '共建理事会'];

function stringArb(s: Schema): fc.Arbitrary<string> {
  if (s.pattern !== undefined) {
    const sample = PATTERN_SAMPLES[s.pattern];
    if (!sample) throw new Error(`no sample for pattern ${s.pattern}: add one to PATTERN_SAMPLES`);
    return sample;
  }
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
  const ascii = fc.string({ minLength: min, maxLength: max });
  const cjk = fc.constantFrom(...CJK_WORDS).filter((w) => [...w].length >= min && [...w].length <= max);
  return min <= 6 && max >= 6 ? fc.oneof(ascii, cjk) : ascii;
}

const INT32 = 2 ** 31 - 1;

/** Values the schema accepts. Optional object fields appear at random; nesting is as deep as the schema. */
export function validArb(s: Schema): fc.Arbitrary<unknown> {
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1_000_000, -INT32), max: Math.min(s.maximum ?? 1_000_000, INT32) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = validArb(s.items ?? { type: 'string' });
      const constraints = { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) };
      return s.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validArb(v)]));
      return fc.record(props, { requiredKeys: [...(s.required ?? [])] }) as fc.Arbitrary<unknown>;
    }
    default:
      throw new Error(`schema type ${String(s.type)} not handled`);
  }
}

/** A document of the collection as a client pushes it: the schema's fields plus _deleted. */
export function validDocArb(c: CollectionName): fc.Arbitrary<Json> {
  const schema = schemaOf(c);
  const props = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !NOT_STORED.has(k)));
  return fc
    .tuple(validArb({ ...schema, properties: props }) as fc.Arbitrary<Json>, fc.stringMatching(/^[a-z0-9]{6,12}$/))
    .map(([doc, suffix]) => ({ ...doc, id: `fz-${suffix}`, _deleted: false }));
}

// ---- Breaking one thing ----

/** One place in a document: the object or array holding it, its key, and the schema of the value there. */
type Site = { holder: Json | unknown[]; key: string | number; schema: Schema; top: boolean };

/** Every value in the document that the schema describes (present ones), plus absent optional top-level fields. */
function sitesOf(doc: Json, schema: Schema): Site[] {
  const out: Site[] = [];
  const wire: Schema = { ...schema, properties: { ...schema.properties, _deleted: { type: 'boolean' } } };
  const walk = (value: unknown, s: Schema, top: boolean): void => {
    if (s.type === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, child] of Object.entries(value as Json)) {
        const cs = s.properties?.[k];
        if (!cs || (top && NOT_STORED.has(k))) continue;
        out.push({ holder: value as Json, key: k, schema: cs, top });
        walk(child, cs, false);
      }
    } else if (s.type === 'array' && Array.isArray(value) && s.items) {
      value.forEach((child, i) => {
        out.push({ holder: value, key: i, schema: s.items as Schema, top: false });
        walk(child, s.items as Schema, false);
      });
    }
  };
  walk(doc, wire, true);
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    if (!(k in doc) && !NOT_STORED.has(k)) out.push({ holder: doc, key: k, schema: s, top: true });
  }
  return out;
}

/** Objects in the document (itself included) whose schema forbids unknown keys, with their schema. */
function objectsOf(doc: Json, schema: Schema): { obj: Json; schema: Schema; top: boolean }[] {
  const out: { obj: Json; schema: Schema; top: boolean }[] = [{ obj: doc, schema, top: true }];
  for (const site of sitesOf(doc, schema)) {
    const v = Array.isArray(site.holder) ? site.holder[site.key as number] : (site.holder as Json)[site.key as string];
    if (site.schema.type === 'object' && typeof v === 'object' && v !== null && !Array.isArray(v)) out.push({ obj: v as Json, schema: site.schema, top: false });
  }
  return out;
}

/** Sets an own, enumerable property, even one named __proto__ (JSON.parse makes those; `o[k] = v` would not). */
function setOwn(holder: Json | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(holder, key, { value, enumerable: true, writable: true, configurable: true });
}

const JSON_TYPES = ['null', 'boolean', 'integer', 'fraction', 'string', 'array', 'object'] as const;
const SAMPLE_OF_TYPE: Readonly<Record<(typeof JSON_TYPES)[number], unknown>> = {
  null: null,
  boolean: true,
  integer: 7,
  fraction: 1.5,
  string: '7',
  array: [],
  object: {},
};
const allows = (s: Schema, t: (typeof JSON_TYPES)[number]): boolean => {
  switch (t) {
    case 'integer':
      return s.type === 'integer' || s.type === 'number';
    case 'fraction':
      return s.type === 'number';
    default:
      return s.type === t;
  }
};

/**
 * A nesting of `depth` arrays or objects around "x", kept as this marker until wireJson writes it: JSON.stringify
 * itself overflows the stack on a few thousand levels (the server's JSON.parse does not).
 */
export class Deep {
  constructor(
    readonly depth: number,
    readonly asObject: boolean,
  ) {}
  text(): string {
    return this.asObject ? `${'{"a":'.repeat(this.depth)}"x"${'}'.repeat(this.depth)}` : `${'['.repeat(this.depth)}"x"${']'.repeat(this.depth)}`;
  }
}

export const nested = (depth: number, asObject: boolean): Deep => new Deep(depth, asObject);

/** JSON text of a value that may hold Deep markers (and own __proto__ keys, which JSON.stringify writes as any key). */
export function wireJson(value: unknown): string {
  const deeps: Deep[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof Deep ? `\u0000deep${deeps.push(v) - 1}\u0000` : v));
  return text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_, i: string) => (deeps[Number(i)] as Deep).text());
}

export type MutationKind =
  | 'wrong-type'
  | 'too-long'
  | 'too-many'
  | 'deep'
  | 'proto-key'
  | 'extra-key'
  | 'missing-required'
  | 'not-in-enum'
  | 'bad-pattern'
  | 'out-of-range'
  | 'unstorable-text';

export type Mutated = { doc: Json; kind: MutationKind; where: string };

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A huge-or-not excess: mostly just over the limit, sometimes far over it. */
const excessArb = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }) });

/**
 * The document with exactly one thing broken so that the collection's schema (or the server's storability check)
 * must refuse it. `pick` chooses among the candidate changes the document allows.
 */
export function mutateArb(c: CollectionName, base: fc.Arbitrary<Json>): fc.Arbitrary<Mutated> {
  const schema = schemaOf(c);
  return fc
    .tuple(base, fc.tuple(fc.nat(), fc.nat(), fc.nat()), excessArb, fc.integer({ min: 2, max: 5000 }), fc.boolean(), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 12 }))
    .map(([original, [pickSite, pickKind, pickOption], excess, depth, flag, junk, extraName]) => {
      const doc = structuredClone(original);
      const sites = sitesOf(doc, schema);
      const site = sites[pickSite % sites.length] as Site;
      const where = `${site.top ? '' : '…/'}${String(site.key)}`;
      const s = site.schema;
      // Candidate changes by kind; a kind is picked first, so that kinds with many candidates (a missing required
      // field of any object) do not crowd out the others.
      const byKind = new Map<MutationKind, Array<() => Mutated>>();
      const options = {
        push(kind: MutationKind, make: () => Mutated): void {
          byKind.set(kind, [...(byKind.get(kind) ?? []), make]);
        },
      };
      const put = (kind: MutationKind, value: unknown): [MutationKind, () => Mutated] => [
        kind,
        () => {
          setOwn(site.holder, site.key, value);
          return { doc, kind, where };
        },
      ];
      const wrong = JSON_TYPES.filter((t) => !allows(s, t) && !(s.enum ?? []).includes(SAMPLE_OF_TYPE[t]));
      for (const t of wrong) options.push(...put('wrong-type', SAMPLE_OF_TYPE[t]));
      if (s.type === 'string' && s.maxLength !== undefined) {
        const n = s.maxLength + Math.min(excess, 300_000);
        options.push(...put('too-long', flag ? 'x'.repeat(n) : '中'.repeat(n)));
      }
      if (s.type === 'array' && s.maxItems !== undefined && s.items) {
        const n = s.maxItems + Math.min(excess, 3000);
        const item = s.items.type === 'string' ? 'x' : s.items.type === 'integer' ? 1 : {};
        options.push(...put('too-many', Array.from({ length: n }, (_, i) => (s.items?.type === 'string' ? `${String(item)}${i}` : item))));
      }
      // Nesting changes the value's type (a string becomes an array) and goes past the server's depth limit when deep.
      if (s.type !== 'array' || flag) options.push(...put('deep', nested(depth, s.type === 'array' ? true : flag && s.type !== 'object')));
      if (s.enum !== undefined) options.push(...put('not-in-enum', `not-${String(s.enum[0])}`));
      if (s.pattern !== undefined) options.push(...put('bad-pattern', '2026/13/45 25:61'));
      if (s.type === 'integer' && s.maximum !== undefined && Number.isSafeInteger(s.maximum + 1)) options.push(...put('out-of-range', s.maximum + 1));
      if (s.type === 'integer' && s.minimum !== undefined && Number.isSafeInteger(s.minimum - 1)) options.push(...put('out-of-range', s.minimum - 1));
      if (s.type === 'string') options.push(...put('unstorable-text', flag ? 'a\u0000b' : 'a\ud800b'));
      for (const o of objectsOf(doc, schema)) {
        const known = new Set([...Object.keys(o.schema.properties ?? {}), ...(o.top ? ['_deleted', ...NOT_STORED] : [])]);
        const at = o.top ? '' : '…/';
        for (const k of PROTO_KEYS) {
          options.push('proto-key', () => {
            setOwn(o.obj, k, junk ?? {});
            return { doc, kind: 'proto-key', where: `${at}${k}` };
          });
        }
        const name = known.has(extraName) || extraName === '' ? `extra_${extraName}` : extraName;
        options.push('extra-key', () => {
          setOwn(o.obj, name, junk);
          return { doc, kind: 'extra-key', where: `${at}${name}` };
        });
        for (const r of o.schema.required ?? []) {
          options.push('missing-required', () => {
            delete o.obj[r];
            return { doc, kind: 'missing-required', where: `${at}${r}` };
          });
        }
      }
      const kinds = [...byKind.keys()];
      const candidates = byKind.get(kinds[pickKind % kinds.length] as MutationKind) ?? [];
      const m = (candidates[pickOption % candidates.length] as () => Mutated)();
      // fast-check prints a failing input through this (a 5,000-deep document would overflow its printer).
      return Object.assign(m, { [fc.toStringMethod]: () => `${m.kind} at ${m.where}: ${wireJson(m.doc).slice(0, 400)}` });
    });
}

/** The mutation kinds a run produced, for the printed figures. */
export const MUTATION_KINDS: readonly MutationKind[] = [
  'wrong-type',
  'too-long',
  'too-many',
  'deep',
  'proto-key',
  'extra-key',
  'missing-required',
  'not-in-enum',
  'bad-pattern',
  'out-of-range',
  'unstorable-text',
];
