// 治理清单 import, step 2: mapped rows → task documents and per-row errors. Pure: the roster, today, the stamp and
// the list name come in; nothing is read from a clock or the store. Rows are fed in chunks (createImportPlanner) so
// the renderer can yield between them and show progress on lists of thousands of items.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { PARTIES, TASK_PRIORITIES, type Party, type TaskDoc, type TaskPriority } from '../../schema';
import type { LocalDate } from '../common/dates';
import type { FieldError } from '../common/field-error';
import type { Stamp } from '../common/stamp';
import { charLength, isCalendarDate, toHalfWidth } from '../common/text';
import { PARTY_LABELS } from '../roster/labels';
import { TASK_PRIORITY_LABELS } from './labels';
import { cellText, type ImportField, type ImportMapping } from './import-mapping';
import { newTask } from './build';
import type { CoParty, TaskField, TaskFieldCode, TaskInput, TaskRoster } from './types';

/** A cell as the file readers hand it over: text (CSV), or what Excel stored (number, date, boolean). */
export type ImportCell = string | number | boolean | Date | null | undefined;
/** One row of the sheet with its row number as Excel/WPS shows it (the header row included in the count). */
export type SheetRow = { readonly n: number; readonly cells: readonly ImportCell[] };

export type ImportErrorCode =
  | 'TITLE_MISSING'
  | 'PARTY_MISSING'
  | 'UNKNOWN_PARTY' // detail.name
  | 'UNKNOWN_PERSON' // detail.name
  | 'AMBIGUOUS_PERSON' // detail.name, detail.count: several active people share the name
  | 'MULTIPLE_PERSONS' // detail.name: one 责任人 per task
  | 'BAD_DATE' // detail.value: not a date the import can read (the form's own BAD_DATE has no value)
  | 'BAD_PRIORITY' // detail.value
  | 'DUPLICATE_IN_FILE' // detail.firstRow: the same list item (list name + item no + title) twice in one file
  // The task form's rules (validateTask), e.g. TOO_LONG (detail.max), DUE_BEFORE_CREATION (detail.createdOn).
  | Exclude<TaskFieldCode, 'REQUIRED'>;

export type ImportRowError = {
  /** The sheet row number (as the spreadsheet shows it). */
  readonly row: number;
  readonly field?: ImportField;
  readonly code: ImportErrorCode;
  readonly detail?: Readonly<Record<string, string | number>>;
};

export type ImportContext = {
  readonly roster: TaskRoster;
  /** The list name when the file has no 清单名称 column (usually the file name). */
  readonly listName: string;
  /** Who imports and when; the day of `at` (in China) is the creation day no due date may precede. */
  readonly stamp: Stamp;
};

/** One row as the preview shows it: the cell text per mapped field, and what became of it. */
export type ImportPreviewRow = {
  readonly row: number;
  readonly values: Readonly<Partial<Record<ImportField, string>>>;
  /** Set when the row is valid. */
  readonly taskId?: string;
  readonly errors: readonly ImportRowError[];
};

export type ImportPlan = {
  /** Documents of the valid rows, in file order (status 待分派, source 治理清单). */
  readonly tasks: readonly TaskDoc[];
  /** Every error of every refused row, in row order. */
  readonly errors: readonly ImportRowError[];
  /** Rows refused (each has at least one error). */
  readonly rejectedRows: number;
  /** Rows with data (empty rows are ignored). */
  readonly totalRows: number;
  /** The first rows, for the preview table. */
  readonly preview: readonly ImportPreviewRow[];
};

export const IMPORT_PREVIEW_ROWS = 100;
const ITEM_NO_MAX = 50;
const LIST_NAME_MAX = 100;
const NAME_MAX = 100;
export const DEFAULT_LIST_NAME = '治理清单';

const clip = (s: string, max: number): string => Array.from(s).slice(0, max).join('');
/** Names compared loosely: half-width, no spaces (「张 三」 is 张三). */
const nameKey = (s: string): string => toHalfWidth(s).replace(/\s+/g, '').toLowerCase();

// ---- values ----

/** Separators of several values in one cell: 、，, ; ； / and line breaks. */
const LIST_SEPARATORS = /[、，,;；/／\n\r]/;

/** Splits on the separators, but not inside brackets (「物业公司（金山物业，张三）」 stays one entry). */
export function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '（' || ch === '(') depth += 1;
    if ((ch === '）' || ch === ')') && depth > 0) depth -= 1;
    if (depth === 0 && LIST_SEPARATORS.test(ch)) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** Excel's day 0 (its serials count from 1899-12-30, 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
// Serials 20000–80000 are 1954–2119: a bare number outside that is not a due date.
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

const pad2 = (n: number | string): string => String(n).padStart(2, '0');
const utcDate = (d: Date): LocalDate => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

function fromSerial(n: number): LocalDate | null {
  if (!Number.isFinite(n) || n < SERIAL_MIN || n > SERIAL_MAX) return null;
  return utcDate(new Date(EXCEL_EPOCH_MS + Math.floor(n) * DAY_MS));
}

/**
 * A due-date cell → YYYY-MM-DD: 2026-12-01, 2026/12/1, 2026.12.1, 2026年12月1日, 20261201, an Excel date cell
 * (exceljs hands those over as UTC dates) or an Excel serial number. undefined when empty, null when unreadable.
 */
export function parseImportDate(cell: ImportCell): LocalDate | null | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : utcDate(cell);
  if (typeof cell === 'number') return fromSerial(cell);
  if (typeof cell === 'boolean') return null;
  const s = toHalfWidth(cell).trim();
  if (s === '') return undefined;
  let date: string | null = null;
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (ymd) date = `${ymd[1]}-${pad2(ymd[2] ?? '')}-${pad2(ymd[3] ?? '')}`;
  else if (compact) date = `${compact[1]}-${compact[2]}-${compact[3]}`;
  else if (/^\d{5}(\.\d+)?$/.test(s)) return fromSerial(Number(s));
  return date !== null && isCalendarDate(date) ? date : null;
}

/** Words offices write for each party; the label itself and the code are accepted too. */
const PARTY_WORDS: { readonly [P in Party]: readonly string[] } = {
  branch: ['党支部', '支部', '小区党支部', '党组织', '党总支', '小区党组织', '党小组'],
  owners_committee: ['业委会', '业主委员会', '业委', '业主大会'],
  property: ['物业公司', '物业', '物业服务企业', '物业服务中心', '物业管理处', '物业管理公司', '物业服务公司', '物管'],
  social_org: ['社会组织', '社工', '社工机构', '社工站', '社会工作服务机构', '公益组织'],
  co_builder: ['共建单位', '共建', '驻区单位', '共建成员单位', '在职党员单位'],
  resident_group: ['居民小组', '居民', '楼栋小组', '居民自治小组', '自治小组', '业主小组', '居民代表'],
};
const PARTY_BY_WORD = new Map<string, Party>();
for (const p of PARTIES) {
  for (const w of [...PARTY_WORDS[p], PARTY_LABELS[p], p]) PARTY_BY_WORD.set(nameKey(w), p);
}
/** Words an organisation's own name contains (「金山物业服务有限公司」 is a 物业公司); most specific first. */
const PARTY_KEYWORDS: readonly (readonly [string, Party])[] = [
  ['业委会', 'owners_committee'],
  ['业主委员会', 'owners_committee'],
  ['物业', 'property'],
  ['共建', 'co_builder'],
  ['驻区', 'co_builder'],
  ['社会组织', 'social_org'],
  ['社工', 'social_org'],
  ['居民小组', 'resident_group'],
  ['楼栋小组', 'resident_group'],
  ['自治小组', 'resident_group'],
  ['党', 'branch'],
];

/** A party word (党支部, 物业, 业主委员会 …) → its party; undefined when it is none. */
export const partyOfWord = (text: string): Party | undefined => PARTY_BY_WORD.get(nameKey(text));

type RosterIndex = {
  readonly people: ReadonlyMap<string, readonly { id: string; name: string; party: Party }[]>;
  readonly organizations: ReadonlyMap<string, readonly { id: string; name: string; party: Party }[]>;
};

function indexRoster(roster: TaskRoster): RosterIndex {
  const group = (m: TaskRoster['people'] | TaskRoster['organizations']) => {
    const out = new Map<string, { id: string; name: string; party: Party }[]>();
    for (const [id, r] of m) {
      const k = nameKey(r.name);
      const list = out.get(k) ?? [];
      list.push({ id, name: r.name, party: r.party });
      out.set(k, list);
    }
    return out;
  };
  return { people: group(roster.people), organizations: group(roster.organizations) };
}

/** One match among same-named records, the one of `party` preferred; 'ambiguous' when that still leaves several. */
function pick<T extends { party: Party }>(list: readonly T[] | undefined, party: Party | undefined): T | 'ambiguous' | undefined {
  if (!list || list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  const ofParty = party ? list.filter((x) => x.party === party) : [];
  return ofParty.length === 1 ? ofParty[0] : 'ambiguous';
}

type PartyRef = { party: Party; organizationId?: string; organizationName?: string };

/**
 * A party cell: a party word (物业), a roster organisation's name (its party and the organisation), or an
 * organisation's name naming its kind (「金山物业服务有限公司」 → 物业公司, kept as the organisation's name).
 */
export function resolveParty(text: string, roster: TaskRoster): PartyRef | undefined {
  return resolvePartyIn(text, indexRoster(roster));
}

function resolvePartyIn(text: string, index: RosterIndex): PartyRef | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const word = partyOfWord(t);
  if (word) return { party: word };
  const org = pick(index.organizations.get(nameKey(t)), undefined);
  if (org && org !== 'ambiguous') return { party: org.party, organizationId: org.id, organizationName: org.name };
  const key = nameKey(t);
  const hit = PARTY_KEYWORDS.find(([k]) => key.includes(k));
  return hit ? { party: hit[1], organizationName: clip(t, NAME_MAX) } : undefined;
}

const PRIORITY_WORDS: Record<string, TaskPriority> = {
  低: 'low',
  较低: 'low',
  普通: 'normal',
  一般: 'normal',
  中: 'normal',
  正常: 'normal',
  高: 'high',
  较高: 'high',
  重要: 'high',
  紧急: 'urgent',
  特急: 'urgent',
  加急: 'urgent',
  急: 'urgent',
  非常紧急: 'urgent',
};
for (const p of TASK_PRIORITIES) {
  PRIORITY_WORDS[p] = p;
  PRIORITY_WORDS[TASK_PRIORITY_LABELS[p]] = p;
}

/** 优先级 → priority; undefined for an empty cell (then 普通), null when not recognised. */
export function parsePriority(text: string): TaskPriority | null | undefined {
  const t = nameKey(text);
  if (t === '') return undefined;
  return PRIORITY_WORDS[t] ?? null;
}

// ---- identity ----

const keyPart = (s: string | undefined): string => toHalfWidth(s ?? '').replace(/\s+/g, ' ').trim();

/** The content key of a list item: list name, item no and title. The same item always gets the same key. */
export const contentKey = (listName: string, itemNo: string | undefined, title: string): string =>
  [keyPart(listName), keyPart(itemNo), keyPart(title)].join('\u001f');

/**
 * The task id of an imported list item: a hash of its content key, so that importing the same list again finds
 * its tasks already there instead of making copies (and two PCs importing the same list make the same documents).
 */
export const importedTaskId = (listName: string, itemNo: string | undefined, title: string): string =>
  `gl-${bytesToHex(sha256(utf8ToBytes(contentKey(listName, itemNo, title)))).slice(0, 32)}`;

// ---- rows ----

/** A CSV written by export guards text starting with = + - @ against formula injection; the guard is taken off. */
const unguard = (s: string): string => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

function textOf(cells: readonly ImportCell[], col: number | undefined): string {
  if (col === undefined) return '';
  const c = cells[col];
  return unguard(cellText(c));
}

type RowOutcome = { doc?: TaskDoc; errors: ImportRowError[]; values: Partial<Record<ImportField, string>> };

function planRow(row: SheetRow, mapping: ImportMapping, ctx: ImportContext, index: RosterIndex): RowOutcome | null {
  const values: Partial<Record<ImportField, string>> = {};
  for (const [field, col] of Object.entries(mapping) as [ImportField, number][]) {
    const cell = row.cells[col];
    // A date cell shows as its date, not as a timestamp.
    const t = field === 'dueDate' ? (parseImportDate(cell ?? null) ?? textOf(row.cells, col)) : textOf(row.cells, col);
    if (t !== '') values[field] = t;
  }
  if (Object.keys(values).length === 0) return null; // an empty row: ignored, not an error
  const errors: ImportRowError[] = [];
  const fail = (field: ImportField | undefined, code: ImportErrorCode, detail?: Record<string, string | number>): void => {
    errors.push({ row: row.n, ...(field ? { field } : {}), code, ...(detail ? { detail } : {}) });
  };

  const title = values.title;
  if (title === undefined) fail('title', 'TITLE_MISSING');
  const itemNo = values.listItemNo;
  if (itemNo !== undefined && charLength(itemNo) > ITEM_NO_MAX) fail('listItemNo', 'TOO_LONG', { max: ITEM_NO_MAX });
  const listName = clip(values.listName ?? (ctx.listName.trim() || DEFAULT_LIST_NAME), LIST_NAME_MAX);

  // 牵头方, with the organisation from its own column, else from a party cell that names one.
  let lead: PartyRef | undefined;
  if (values.leadParty !== undefined) {
    lead = resolvePartyIn(values.leadParty, index);
    if (!lead) fail('leadParty', 'UNKNOWN_PARTY', { name: values.leadParty });
  }
  if (values.leadOrganization !== undefined) {
    const name = values.leadOrganization;
    const org = pick(index.organizations.get(nameKey(name)), lead?.party);
    const found = org && org !== 'ambiguous' && (!lead || org.party === lead.party) ? org : undefined;
    if (!lead && values.leadParty === undefined) {
      // No party column: the organisation tells the party (a roster organisation, or its name).
      lead = found ? { party: found.party } : resolvePartyIn(name, index);
      if (!lead) fail('leadParty', 'UNKNOWN_PARTY', { name });
    }
    if (lead) {
      lead = found
        ? { party: lead.party, organizationId: found.id, organizationName: found.name }
        : { party: lead.party, organizationName: clip(name, NAME_MAX) };
    }
  }
  if (values.leadParty === undefined && values.leadOrganization === undefined) fail('leadParty', 'PARTY_MISSING');

  // 责任人: one active roster person, by name.
  let owner: { id: string; name: string } | undefined;
  if (values.owner !== undefined) {
    const names = splitList(values.owner).map((n) => n.replace(/[（(].*[）)]$/, '').replace(/\d{7,}/g, '').trim());
    const name = names[0] ?? '';
    if (names.length > 1) fail('owner', 'MULTIPLE_PERSONS', { name: values.owner });
    else {
      const list = index.people.get(nameKey(name));
      const p = pick(list, lead?.party);
      if (p === undefined) fail('owner', 'UNKNOWN_PERSON', { name });
      else if (p === 'ambiguous') fail('owner', 'AMBIGUOUS_PERSON', { name, count: list?.length ?? 0 });
      else owner = { id: p.id, name: p.name };
    }
  }

  // 配合方: party words or organisations, each optionally with （单位，联系人）; the lead party and repeats are dropped.
  const coParties: CoParty[] = [];
  if (values.coParties !== undefined) {
    for (const entry of splitList(values.coParties)) {
      const m = /^(.*?)[（(](.*)[）)]$/.exec(entry);
      const head = (m ? m[1] : entry)?.trim() ?? '';
      const ref = resolvePartyIn(head, index);
      if (!ref) {
        fail('coParties', 'UNKNOWN_PARTY', { name: head || entry });
        continue;
      }
      if (ref.party === lead?.party || coParties.some((c) => c.party === ref.party)) continue;
      const co: CoParty = { party: ref.party };
      if (ref.organizationId) co.organizationId = ref.organizationId;
      if (ref.organizationName) co.organizationName = ref.organizationName;
      for (const d of m ? splitList(m[2]?.replace(/[·\s]+/g, '，') ?? '') : []) {
        const person = pick(index.people.get(nameKey(d)), ref.party);
        const org = pick(index.organizations.get(nameKey(d)), ref.party);
        if (person && person !== 'ambiguous' && !co.personName) {
          co.personId = person.id;
          co.personName = person.name;
        } else if (org && org !== 'ambiguous' && !co.organizationId) {
          co.organizationId = org.id;
          co.organizationName = org.name;
        } else if (!co.organizationName) co.organizationName = clip(d, NAME_MAX);
        else if (!co.personName) co.personName = clip(d, NAME_MAX);
      }
      coParties.push(co);
    }
  }

  // 截止日期
  let dueDate: LocalDate | undefined;
  if (mapping.dueDate !== undefined) {
    const parsed = parseImportDate(row.cells[mapping.dueDate] ?? null);
    if (parsed === null) fail('dueDate', 'BAD_DATE', { value: textOf(row.cells, mapping.dueDate) });
    else dueDate = parsed;
  }

  let priority: TaskPriority = 'normal';
  if (values.priority !== undefined) {
    const p = parsePriority(values.priority);
    if (p === null) fail('priority', 'BAD_PRIORITY', { value: values.priority });
    else if (p) priority = p;
  }

  const tags = values.tags !== undefined ? [...new Set(splitList(values.tags.replace(/\s+/g, '，')))] : undefined;

  // The task form's own rules (V1–V6: lengths, organisation of the lead party, due date not before today …) and
  // its builder, so an imported task is exactly what the form would have saved.
  const input: TaskInput = {
    title: title ?? '',
    leadParty: lead?.party,
    priority,
    source: { kind: 'governance_list', listName, ...(itemNo ? { listItemNo: itemNo } : {}), listItemTitle: title ?? '' },
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(values.location !== undefined ? { location: values.location } : {}),
    ...(values.category !== undefined ? { category: values.category } : {}),
    ...(tags ? { tags } : {}),
    ...(lead?.organizationId ? { leadOrganizationId: lead.organizationId } : {}),
    ...(owner ? { ownerId: owner.id } : {}),
    ...(coParties.length > 0 ? { coParties } : {}),
    ...(dueDate ? { dueDate } : {}),
  };
  const built = newTask(importedTaskId(listName, itemNo, title ?? ''), input, ctx.roster, ctx.stamp);
  if (!built.ok) {
    for (const [f, e] of Object.entries(built.error) as [TaskField, FieldError<TaskFieldCode> | undefined][]) {
      const field = FIELD_OF[f];
      // One error per field: the import's own reading error says more than the form rule's.
      if (!e || errors.some((x) => x.field === field)) continue;
      const code: ImportErrorCode = e.code === 'REQUIRED' ? (f === 'title' ? 'TITLE_MISSING' : 'PARTY_MISSING') : e.code;
      fail(field, code, e.detail);
    }
  }
  if (errors.length > 0 || !built.ok || !lead) return { errors, values };
  const doc = built.value;
  // Organisations named in the list but not (yet) on the roster keep their names.
  if (!doc.leadOrganizationId && lead.organizationName) doc.leadOrganizationName = lead.organizationName;
  if (doc.coParties) {
    doc.coParties = doc.coParties.map((c, i) => {
      const name = coParties[i]?.organizationName;
      return !c.organizationName && name ? { ...c, organizationName: name } : c;
    });
  }
  if (owner && !doc.ownerName) doc.ownerName = owner.name;
  return { doc, errors, values };
}

/** Task form fields → the import column they came from. */
const FIELD_OF: { readonly [F in TaskField]: ImportField } = {
  title: 'title',
  description: 'description',
  leadParty: 'leadParty',
  leadOrganizationId: 'leadOrganization',
  ownerId: 'owner',
  coParties: 'coParties',
  dueDate: 'dueDate',
  priority: 'priority',
  location: 'location',
  category: 'category',
  tags: 'tags',
  source: 'listName',
};

/** Turns rows into a plan chunk by chunk (add as many times as needed, then result). */
export type ImportPlanner = {
  add(rows: readonly SheetRow[]): void;
  result(): ImportPlan;
};

export function createImportPlanner(mapping: ImportMapping, ctx: ImportContext, previewRows = IMPORT_PREVIEW_ROWS): ImportPlanner {
  const index = indexRoster(ctx.roster);
  const tasks: TaskDoc[] = [];
  const errors: ImportRowError[] = [];
  const preview: ImportPreviewRow[] = [];
  const firstRowOf = new Map<string, number>();
  let rejectedRows = 0;
  let totalRows = 0;
  return {
    add(rows) {
      for (const row of rows) {
        const outcome = planRow(row, mapping, ctx, index);
        if (!outcome) continue;
        totalRows += 1;
        const rowErrors = [...outcome.errors];
        const doc = outcome.doc;
        if (doc) {
          const first = firstRowOf.get(doc.id);
          if (first !== undefined) rowErrors.push({ row: row.n, code: 'DUPLICATE_IN_FILE', detail: { firstRow: first } });
          else firstRowOf.set(doc.id, row.n);
        }
        const valid = doc !== undefined && rowErrors.length === 0;
        if (valid) tasks.push(doc);
        else {
          rejectedRows += 1;
          errors.push(...rowErrors);
        }
        if (preview.length < previewRows)
          preview.push({ row: row.n, values: outcome.values, ...(valid ? { taskId: doc.id } : {}), errors: rowErrors });
      }
    },
    result: () => ({ tasks: [...tasks], errors: [...errors], rejectedRows, totalRows, preview: [...preview] }),
  };
}

/** All rows at once (tests, small files). */
export function planImport(rows: readonly SheetRow[], mapping: ImportMapping, ctx: ImportContext): ImportPlan {
  const planner = createImportPlanner(mapping, ctx);
  planner.add(rows);
  return planner.result();
}

/** The plan split by what the store already holds: ids found there are reported, not written again. */
export function withoutExisting(plan: ImportPlan, existingIds: ReadonlySet<string>): { fresh: readonly TaskDoc[]; existing: number } {
  const fresh = plan.tasks.filter((t) => !existingIds.has(t.id));
  return { fresh, existing: plan.tasks.length - fresh.length };
}
