// The backup file (issue #15): every collection of one PC (tombstones and sync state included) and its attachments,
// in one file the desktop app, the web host and the server's export all write and read. Pure: bytes in, bytes out.
//
// Layout (UTF-8, JSON Lines, so that neither side needs the whole file as one string or one object):
//   line 1      the manifest (BackupManifest), starting with {"format":"linli-backup",
//   lines 2…    the body: one record a line, every line ending in "\n":
//                 {"c":"<collection>","d":<StoredBackupDoc>}        a document, collections in COLLECTION_NAMES order
//                 {"a":{"hash":…,"mime":…,"base64":…}}              an attachment (a file of the blob store)
// The manifest carries the body's length (a shorter body is a cut file, TRUNCATED) and its SHA-256 (CHECKSUM), and
// the counts, which must match what the body holds. JSON never writes a raw line break inside a value, so splitting
// the body on "\n" is exact.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Validator, type Schema } from '@cfworker/json-schema';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../schema';
import type { DocSync } from '../sync/protocol';
import { err, ok, type Result } from '../result';
import { attachmentFileProblem, isBlobHash } from '../domain/ledger/attachments';
import { base64FromBytes, bytesFromBase64 } from './base64';

export { base64FromBytes, bytesFromBase64 };

export const BACKUP_FORMAT = 'linli-backup';
/** Bump when the layout changes incompatibly; an older app then refuses the file with NEWER_FORMAT. */
export const BACKUP_FORMAT_VERSION = 1;
/** The file name's extension (without the dot). */
export const BACKUP_FILE_EXTENSION = 'linlibak';

export const BACKUP_REASONS = ['manual', 'daily', 'before-migration', 'before-update', 'export'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export type CollectionCounts = { live: number; deleted: number };

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The version of the app (or server) that wrote the file. */
  appVersion: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Which installation made it (the server's export names itself). */
  device: { id: string; name: string };
  /** The compound the data belongs to; null for a PC that never logged in. */
  compound: { code: string; name: string } | null;
  /** The schema version of each collection's documents in the file. */
  schemaVersions: Record<CollectionName, number>;
  counts: Record<CollectionName, CollectionCounts>;
  attachments: { count: number; bytes: number };
  /** SHA-256 (hex) of the body: every byte after the manifest's line. */
  checksum: string;
  reason: BackupReason;
  /** Length of the body in bytes. */
  bodyBytes: number;
};

/**
 * A document as the backup keeps it: its fields, `_deleted`, and the sync state the app stores with it (`sync.seq`,
 * the server version it is based on; `sync.dirty`, a local change the server has not accepted). No RxDB internals.
 */
export type StoredBackupDoc = Record<string, unknown> & { id: string; _deleted: boolean; sync?: DocSync };

export type BackupAttachment = { hash: string; mime: string; base64: string };

export type BackupContent = {
  documents: Record<CollectionName, StoredBackupDoc[]>;
  attachments: BackupAttachment[];
};

/** What the writer says; the rest of the manifest is computed from the content. */
export type BackupManifestFields = Pick<BackupManifest, 'appVersion' | 'createdAt' | 'device' | 'compound' | 'reason'> & {
  /** The schema versions of the documents given (default: this app's). */
  schemaVersions?: Partial<Record<CollectionName, number>>;
};

export type BackupErrorCode =
  | 'NOT_A_BACKUP'
  | 'TRUNCATED'
  | 'CHECKSUM'
  | 'NEWER_FORMAT'
  | 'NEWER_SCHEMA'
  | 'INVALID_DOCUMENT'
  | 'FOREIGN_COMPOUND'
  /** The restore could not write to this PC's storage (disk full, storage gone). */
  | 'WRITE_FAILED';

export type BackupError = {
  code: BackupErrorCode;
  /** Simplified Chinese, shown to the user. */
  message: string;
  /** English, for logs and support. */
  detail?: string;
};

/** A file that passed every check, its documents carried forward to this app's schema versions. */
export type DecodedBackup = {
  manifest: BackupManifest;
  content: BackupContent;
  /** Collections whose documents were migrated forward, with the version they had in the file. */
  migratedFrom: Partial<Record<CollectionName, number>>;
};

/** Chinese names of the collections, for messages and the preview. */
export const COLLECTION_LABELS: Record<CollectionName, string> = {
  roster: '名册',
  settings: '小区设置',
  meetings: '会议',
  tasks: '任务',
  task_updates: '任务进展',
  accounts: '会计科目',
  vouchers: '凭证',
  periods: '会计期间',
  bank_reconciliations: '银行对账',
  notices: '公告',
};

const MESSAGES: Record<Exclude<BackupErrorCode, 'INVALID_DOCUMENT' | 'NEWER_SCHEMA' | 'FOREIGN_COMPOUND'>, string> = {
  NOT_A_BACKUP: '这不是邻里工作台的备份文件，无法恢复。请选择扩展名为 .linlibak 的备份文件。',
  TRUNCATED: '备份文件不完整（可能在复制或下载时中断），无法恢复。当前数据没有任何改动，请换一份完整的备份。',
  CHECKSUM: '备份文件已损坏（校验不一致），无法恢复。当前数据没有任何改动，请换一份备份。',
  NEWER_FORMAT: '这份备份由更新版本的邻里工作台制作，本机的版本无法读取。请先更新邻里工作台，再恢复。',
  WRITE_FAILED: '恢复时写入本机数据失败（可能磁盘空间不足）。请腾出空间后重试。',
};

export function backupError(code: keyof typeof MESSAGES, detail?: string): BackupError {
  return detail === undefined ? { code, message: MESSAGES[code] } : { code, message: MESSAGES[code], detail };
}

const fail = (code: keyof typeof MESSAGES, detail?: string) => err(backupError(code, detail));

const newerSchema = (name: string, detail: string) =>
  err<BackupError>({
    code: 'NEWER_SCHEMA',
    message: `这份备份的数据版本比本机的邻里工作台新（${COLLECTION_LABELS[name as CollectionName] ?? name}），无法恢复。请先更新邻里工作台，再恢复。`,
    detail,
  });

const invalidDocument = (name: CollectionName | null, id: string, detail: string) =>
  err<BackupError>({
    code: 'INVALID_DOCUMENT',
    message:
      name === null
        ? `备份中的附件（${id.slice(0, 12)}）已损坏，为防止带入错误数据，本次没有恢复任何内容。`
        : `备份中有一条记录不符合格式（${COLLECTION_LABELS[name]}，编号 ${id}），为防止带入错误数据，本次没有恢复任何内容。`,
    detail,
  });

/** This app's schema version of every collection. */
export const currentSchemaVersions = (): Record<CollectionName, number> =>
  Object.fromEntries(COLLECTION_NAMES.map((n) => [n, COLLECTIONS[n].schema.version])) as Record<CollectionName, number>;

const zeroCounts = (): Record<CollectionName, CollectionCounts> =>
  Object.fromEntries(COLLECTION_NAMES.map((n) => [n, { live: 0, deleted: 0 }])) as Record<CollectionName, CollectionCounts>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 邻里工作台备份-<compound code>-<YYYYMMDD-HHmmss>.linlibak, in the local time of the machine that writes it. */
export function backupFileName(compoundCode: string | null, at: Date): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  // A compound code is short and plain, but the name must be valid on every file system.
  const code = compoundCode ? compoundCode.replace(/[\\/:*?"<>|\s]+/g, '_') : '';
  return code ? `邻里工作台备份-${code}-${stamp}.${BACKUP_FILE_EXTENSION}` : `邻里工作台备份-${stamp}.${BACKUP_FILE_EXTENSION}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** Body text is encoded in pieces of about this many characters, so no single string holds the whole file. */
const PIECE_CHARS = 1 << 20;

/**
 * The file in parts: the manifest's line first, then the body in pieces of about 1 MiB (write them in order, e.g.
 * one after another to a file). Peak memory is the parts themselves, never one string of the whole file.
 */
export function encodeBackupParts(fields: BackupManifestFields, content: BackupContent): { manifest: BackupManifest; parts: Uint8Array[] } {
  const encoder = new TextEncoder();
  const hash = sha256.create();
  const body: Uint8Array[] = [];
  let bodyBytes = 0;
  let lines: string[] = [];
  let chars = 0;
  const flush = () => {
    if (lines.length === 0) return;
    const piece = encoder.encode(lines.join(''));
    lines = [];
    chars = 0;
    hash.update(piece);
    body.push(piece);
    bodyBytes += piece.length;
  };
  const add = (line: string) => {
    lines.push(line, '\n');
    chars += line.length + 1;
    if (chars >= PIECE_CHARS) flush();
  };
  const counts = zeroCounts();
  for (const name of COLLECTION_NAMES) {
    for (const d of content.documents[name] ?? []) {
      counts[name][d._deleted === true ? 'deleted' : 'live'] += 1;
      add(JSON.stringify({ c: name, d }));
    }
  }
  let attachmentBytes = 0;
  for (const a of content.attachments) {
    // The decoded size, from the base64 length and its padding.
    attachmentBytes += (a.base64.length / 4) * 3 - (a.base64.endsWith('==') ? 2 : a.base64.endsWith('=') ? 1 : 0);
    add(JSON.stringify({ a: { hash: a.hash, mime: a.mime, base64: a.base64 } }));
  }
  flush();
  // `format` first: a reader recognises the file by its first bytes.
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: fields.appVersion,
    createdAt: fields.createdAt,
    device: { id: fields.device.id, name: fields.device.name },
    compound: fields.compound ? { code: fields.compound.code, name: fields.compound.name } : null,
    schemaVersions: { ...currentSchemaVersions(), ...fields.schemaVersions },
    counts,
    attachments: { count: content.attachments.length, bytes: attachmentBytes },
    checksum: bytesToHex(hash.digest()),
    reason: fields.reason,
    bodyBytes,
  };
  return { manifest, parts: [encoder.encode(`${JSON.stringify(manifest)}\n`), ...body] };
}

/** The whole file as one array of bytes. */
export function encodeBackup(fields: BackupManifestFields, content: BackupContent): Uint8Array {
  return concatBytes(encodeBackupParts(fields, content).parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const MAGIC = new TextEncoder().encode(`{"format":"${BACKUP_FORMAT}"`);
/** The manifest's line is small; a first line longer than this is not ours. */
const HEADER_MAX_BYTES = 1 << 20;

/** The bytes begin as a backup's first line does (all of MAGIC, or, for a file cut inside it, what there is of it). */
function beginsWithMagic(bytes: Uint8Array, whole: boolean): boolean {
  if (whole && bytes.length < MAGIC.length) return false;
  const n = Math.min(bytes.length, MAGIC.length);
  for (let i = 0; i < n; i++) if (bytes[i] !== MAGIC[i]) return false;
  return n > 0;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isText = (x: unknown, max = 1000): x is string => typeof x === 'string' && x.length <= max;

/** The manifest's shape (after its format and version were recognised); a problem in English, or null. */
function manifestProblem(m: Json): string | null {
  if (!isText(m.appVersion, 100)) return 'appVersion';
  if (!isText(m.createdAt, 40) || Number.isNaN(Date.parse(m.createdAt))) return 'createdAt';
  if (!isObject(m.device) || !isText(m.device.id, 200) || !isText(m.device.name, 200)) return 'device';
  if (m.compound !== null && (!isObject(m.compound) || !isText(m.compound.code, 100) || !isText(m.compound.name, 200))) return 'compound';
  if (!isObject(m.schemaVersions) || !Object.values(m.schemaVersions).every(isCount)) return 'schemaVersions';
  if (!isObject(m.counts) || !Object.values(m.counts).every((c) => isObject(c) && isCount(c.live) && isCount(c.deleted))) return 'counts';
  if (!isObject(m.attachments) || !isCount(m.attachments.count) || !isCount(m.attachments.bytes)) return 'attachments';
  if (typeof m.checksum !== 'string' || !/^[0-9a-f]{64}$/.test(m.checksum)) return 'checksum';
  if (!(BACKUP_REASONS as readonly unknown[]).includes(m.reason)) return 'reason';
  if (!isCount(m.bodyBytes)) return 'bodyBytes';
  return null;
}

/** One validator per collection, for the documents as they travel: the schema's fields plus `_deleted`. */
function documentValidators(): Record<CollectionName, (doc: unknown) => string | null> {
  const out = {} as Record<CollectionName, (doc: unknown) => string | null>;
  for (const name of COLLECTION_NAMES) {
    const schema = structuredClone(COLLECTIONS[name].schema) as unknown as { properties: Json; required?: readonly string[] };
    const wire = { ...schema, properties: { ...schema.properties, _deleted: { type: 'boolean' } }, required: [...(schema.required ?? []), '_deleted'] };
    // @cfworker/json-schema interprets the schema (no `new Function`: the renderer's CSP forbids it); RxDB's own
    // keywords are ignored. Not short-circuited, so the detail names every failing field.
    const validator = new Validator(wire as unknown as Schema, '7', false);
    out[name] = (doc) => {
      const errors = validator
        .validate(doc)
        .errors.filter((e) => e.keyword !== 'properties' && e.keyword !== 'items' && e.keyword !== 'allOf');
      return errors.length === 0 ? null : errors.slice(0, 5).map((e) => `${e.instanceLocation}: ${e.keyword}: ${e.error}`).join('; ');
    };
  }
  return out;
}

type Migration = (doc: Json) => unknown;

/** Carries a document from `from` to this app's version through the app's own migrations (null: dropped by one). */
function migrateForward(name: CollectionName, doc: Json, from: number): Result<Json | null, string> {
  const { schema, migrationStrategies } = COLLECTIONS[name];
  let current: Json | null = doc;
  for (let v = from + 1; v <= schema.version && current !== null; v++) {
    const step = migrationStrategies[v] as unknown as Migration | undefined;
    if (!step) return err(`no migration of ${name} to version ${v}`);
    const next = step(structuredClone(current));
    if (next !== null && typeof (next as { then?: unknown }).then === 'function') return err(`the migration of ${name} to version ${v} is asynchronous`);
    if (next !== null && !isObject(next)) return err(`the migration of ${name} to version ${v} returned no document`);
    current = next;
  }
  return ok(current);
}

/**
 * Reads and checks a backup file: recognised by its first line, complete (TRUNCATED), unchanged (CHECKSUM), of a
 * format and schema versions this app knows (NEWER_FORMAT, NEWER_SCHEMA), every document valid against its
 * collection's schema after the app's migrations carried it to the current version, every attachment equal to its
 * hash (INVALID_DOCUMENT). Nothing is returned unless everything is.
 */
export function decodeBackup(bytes: Uint8Array): Result<DecodedBackup, BackupError> {
  if (bytes.length === 0) return fail('NOT_A_BACKUP', 'the file is empty');
  const newline = bytes.subarray(0, HEADER_MAX_BYTES).indexOf(0x0a);
  if (newline < 0) {
    if (bytes.length < HEADER_MAX_BYTES && beginsWithMagic(bytes, false)) return fail('TRUNCATED', 'the file ends inside its manifest');
    return fail('NOT_A_BACKUP', 'no manifest line');
  }
  const headerBytes = bytes.subarray(0, newline);
  if (!beginsWithMagic(headerBytes, true)) return fail('NOT_A_BACKUP', 'the first line is not a linli-backup manifest');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    return fail('CHECKSUM', 'the manifest is not JSON');
  }
  if (!isObject(header) || header.format !== BACKUP_FORMAT) return fail('NOT_A_BACKUP', 'format is not linli-backup');
  if (!isCount(header.formatVersion) || header.formatVersion < 1) return fail('CHECKSUM', 'formatVersion');
  if (header.formatVersion > BACKUP_FORMAT_VERSION) return fail('NEWER_FORMAT', `format version ${header.formatVersion} > ${BACKUP_FORMAT_VERSION}`);
  const problem = manifestProblem(header);
  if (problem) return fail('CHECKSUM', `the manifest's ${problem} is malformed`);
  const manifest = header as unknown as BackupManifest;

  const body = bytes.subarray(newline + 1);
  if (body.length < manifest.bodyBytes) return fail('TRUNCATED', `body of ${body.length} bytes, ${manifest.bodyBytes} expected`);
  if (body.length > manifest.bodyBytes) return fail('CHECKSUM', `body of ${body.length} bytes, ${manifest.bodyBytes} expected`);
  if (bytesToHex(sha256(body)) !== manifest.checksum) return fail('CHECKSUM', 'the body does not match the manifest checksum');

  // Versions: nothing newer than this app; a collection this app does not know is from a newer app.
  const current = currentSchemaVersions();
  const fileVersions = manifest.schemaVersions as Record<string, number>;
  for (const [name, version] of Object.entries(fileVersions)) {
    if (!(name in current)) return newerSchema(name, `unknown collection ${name}`);
    if (version > current[name as CollectionName]) return newerSchema(name, `${name}@${version} > ${current[name as CollectionName]}`);
  }

  const validators = documentValidators();
  const documents = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, [] as StoredBackupDoc[]])) as Record<CollectionName, StoredBackupDoc[]>;
  const seen = new Map<CollectionName, Set<string>>(COLLECTION_NAMES.map((n) => [n, new Set()]));
  const counts = zeroCounts();
  const attachments: BackupAttachment[] = [];
  const attachmentHashes = new Set<string>();
  let attachmentBytes = 0;
  let attachmentLines = 0;
  const migratedFrom: Partial<Record<CollectionName, number>> = {};
  const decoder = new TextDecoder('utf-8', { fatal: true });

  let start = 0;
  let lineNo = 1;
  while (start < body.length) {
    lineNo += 1;
    const end = body.indexOf(0x0a, start);
    // The writer ends every line; the checksum matched, so a last line without one was written so.
    if (end < 0) return fail('CHECKSUM', `line ${lineNo} has no end`);
    let record: unknown;
    try {
      record = JSON.parse(decoder.decode(body.subarray(start, end)));
    } catch {
      return fail('CHECKSUM', `line ${lineNo} is not JSON`);
    }
    start = end + 1;
    if (!isObject(record)) return fail('CHECKSUM', `line ${lineNo} is not a record`);

    if (isObject(record.a)) {
      const { hash, mime, base64 } = record.a;
      attachmentLines += 1;
      const shown = typeof hash === 'string' ? hash : '';
      if (!isBlobHash(hash) || typeof mime !== 'string' || typeof base64 !== 'string') return invalidDocument(null, shown, `attachment on line ${lineNo} is malformed`);
      const fileBytes = bytesFromBase64(base64);
      if (!fileBytes) return invalidDocument(null, hash, `attachment ${hash} is not base64`);
      if (bytesToHex(sha256(fileBytes)) !== hash) return invalidDocument(null, hash, `attachment ${hash} does not match its hash`);
      const fileProblem = attachmentFileProblem(fileBytes);
      if (fileProblem) return invalidDocument(null, hash, `attachment ${hash}: ${fileProblem}`);
      attachmentBytes += fileBytes.length;
      if (attachmentHashes.has(hash)) continue;
      attachmentHashes.add(hash);
      attachments.push({ hash, mime, base64 });
      continue;
    }

    const name = record.c;
    if (typeof name !== 'string' || !(name in current) || !isObject(record.d)) return fail('CHECKSUM', `line ${lineNo} is neither a document nor an attachment`);
    const collection = name as CollectionName;
    const raw = record.d;
    const id = typeof raw.id === 'string' ? raw.id : '';
    if (id === '') return invalidDocument(collection, '（无编号）', `a ${collection} document on line ${lineNo} has no id`);
    if (seen.get(collection)!.has(id)) return invalidDocument(collection, id, `${collection}/${id} appears twice`);
    seen.get(collection)!.add(id);
    if (typeof raw._deleted !== 'boolean') return invalidDocument(collection, id, `${collection}/${id} has no _deleted flag`);
    counts[collection][raw._deleted ? 'deleted' : 'live'] += 1;
    const from = fileVersions[collection];
    if (from === undefined) return invalidDocument(collection, id, `the manifest has no schema version of ${collection}`);
    let doc: Json | null = raw;
    if (from < current[collection]) {
      const migrated = migrateForward(collection, raw, from);
      if (!migrated.ok) return invalidDocument(collection, id, migrated.error);
      doc = migrated.value;
      migratedFrom[collection] = from;
      if (doc === null) continue;
    }
    const invalid = validators[collection](doc);
    if (invalid) return invalidDocument(collection, id, `${collection}/${id}: ${invalid}`);
    documents[collection].push(doc as StoredBackupDoc);
  }

  // The manifest's figures are what the body holds (the checksum covers the body, these cover the manifest).
  for (const name of COLLECTION_NAMES) {
    const said = (manifest.counts as Record<string, CollectionCounts | undefined>)[name] ?? { live: 0, deleted: 0 };
    if (said.live !== counts[name].live || said.deleted !== counts[name].deleted) return fail('CHECKSUM', `the manifest's counts of ${name} differ from the body`);
  }
  if (manifest.attachments.count !== attachmentLines || manifest.attachments.bytes !== attachmentBytes) return fail('CHECKSUM', "the manifest's attachment figures differ from the body");

  return ok({
    manifest: { ...manifest, schemaVersions: { ...current, ...manifest.schemaVersions }, counts: { ...zeroCounts(), ...manifest.counts } },
    content: { documents, attachments },
    migratedFrom,
  });
}
