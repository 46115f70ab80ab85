// 治理清单 import, step 1: which column holds what. Offices name their columns freely (完成时限, 截止日期（年月日）,
// 牵头单位 …), so columns are recognised by header words, the user may correct the guess, and the guess (or the
// correction) is remembered per file layout. Pure.
import { toHalfWidth } from '../common/text';

/** What a column can be imported as. */
export const IMPORT_FIELDS = [
  'title',
  'description',
  'leadParty',
  'leadOrganization',
  'owner',
  'coParties',
  'dueDate',
  'priority',
  'location',
  'category',
  'tags',
  'listItemNo',
  'listName',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column names as the dialog shows them. */
export const IMPORT_FIELD_LABELS = {
  title: '标题',
  description: '描述',
  leadParty: '牵头方',
  leadOrganization: '牵头单位',
  owner: '责任人',
  coParties: '配合方',
  dueDate: '截止日期',
  priority: '优先级',
  location: '位置',
  category: '类别',
  tags: '标签',
  listItemNo: '清单编号',
  listName: '清单名称',
} as const satisfies Record<ImportField, string>;

/**
 * Header words per field, most specific first. Export writes the labels above (plus 编号 for the task id), so an
 * exported file maps back onto itself.
 */
const SYNONYMS: { readonly [F in ImportField]: readonly string[] } = {
  title: ['标题', '事项', '问题', '事项名称', '任务', '任务名称', '问题名称', '清单事项', '治理事项', '项目名称', '名称'],
  description: ['描述', '内容', '事项内容', '问题描述', '具体内容', '详细描述', '情况描述', '具体问题', '说明', '备注'],
  leadParty: ['牵头方', '牵头主体', '责任主体', '责任方', '牵头', '牵头单位'],
  leadOrganization: ['牵头单位', '牵头组织', '责任单位', '承办单位', '牵头部门'],
  owner: ['责任人', '负责人', '具体责任人', '经办人', '承办人', '联系人'],
  coParties: ['配合方', '配合单位', '协办方', '协办单位', '配合部门', '协同方', '配合'],
  dueDate: ['截止日期', '完成时限', '截止时间', '办结时限', '完成期限', '计划完成时间', '完成时间', '完成日期', '时限', '期限'],
  priority: ['优先级', '紧急程度', '优先', '重要程度'],
  location: ['位置', '楼栋', '地点', '区域', '楼栋区域', '点位', '具体位置'],
  category: ['类别', '分类', '类型', '问题类型', '问题类别', '事项类别'],
  tags: ['标签', '关键词', '关键字'],
  listItemNo: ['清单编号', '序号', '编号', '事项编号', '问题编号', '清单序号'],
  listName: ['清单名称', '所属清单', '清单'],
};

/** Column index (0-based) per field; a field without an entry is not imported. */
export type ImportMapping = Partial<Record<ImportField, number>>;

/** A header cell compared loosely: half-width, no spaces, no required-marks (*), no bracketed hints, no trailing ：. */
export function normaliseHeader(cell: unknown): string {
  const s = toHalfWidth(cellText(cell));
  return s
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s*＊:：/／、]/g, '')
    .toLowerCase();
}

/** Any cell as trimmed text (a header is text; a number header such as 2026 still reads). */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const SYNONYMS_NORMALISED = Object.fromEntries(
  IMPORT_FIELDS.map((f) => [f, SYNONYMS[f].map((s) => normaliseHeader(s))]),
) as unknown as { readonly [F in ImportField]: readonly string[] };

/**
 * The best guess of a mapping from a header row: exact header words first (so 牵头方 and 牵头单位 each find their
 * own column), then headers containing a header word, the longest word winning (完成时限（工作日） → 截止日期).
 * Each column serves one field.
 */
export function detectMapping(header: readonly unknown[]): ImportMapping {
  const names = header.map(normaliseHeader);
  const mapping: ImportMapping = {};
  const taken = new Set<number>();
  const assign = (field: ImportField, col: number): void => {
    mapping[field] = col;
    taken.add(col);
  };
  // Pass 1: exact, in synonym order per field (the first word is the field's own name).
  for (const field of IMPORT_FIELDS) {
    for (const word of SYNONYMS_NORMALISED[field]) {
      const col = names.findIndex((n, i) => n === word && !taken.has(i));
      if (col >= 0 && mapping[field] === undefined) {
        assign(field, col);
        break;
      }
    }
  }
  // Pass 2: containment; longest matching word first, then leftmost column, then field order.
  const candidates: { field: ImportField; col: number; len: number; order: number }[] = [];
  IMPORT_FIELDS.forEach((field, order) => {
    if (mapping[field] !== undefined) return;
    for (const word of SYNONYMS_NORMALISED[field]) {
      names.forEach((n, col) => {
        if (!taken.has(col) && n !== '' && n.includes(word)) candidates.push({ field, col, len: word.length, order });
      });
    }
  });
  candidates.sort((a, b) => b.len - a.len || a.col - b.col || a.order - b.order);
  for (const c of candidates) if (mapping[c.field] === undefined && !taken.has(c.col)) assign(c.field, c.col);
  return mapping;
}

/** How many fields a row would map: the header row is the first of the top rows that maps the most. */
const HEADER_SCAN_ROWS = 10;

/**
 * Index of the header row among the sheet's first rows: lists often carry a title line (「金山花园小区治理清单」)
 * or a note above the header. -1 when no row looks like a header (no recognised title column).
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[]): number {
  let best = -1;
  let bestCount = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i += 1) {
    const m = detectMapping(rows[i] ?? []);
    if (m.title === undefined) continue;
    const count = Object.keys(m).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The key a remembered mapping is stored under: the normalised header row. Two files with the same columns in the
 * same order share it, whatever their rows.
 */
export function layoutKey(header: readonly unknown[]): string {
  const names = header.map(normaliseHeader);
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  return names.join('|');
}

/** A remembered mapping, kept only where its columns still exist in this header. */
export function sanitiseMapping(mapping: unknown, columnCount: number): ImportMapping | null {
  if (mapping === null || typeof mapping !== 'object') return null;
  const out: ImportMapping = {};
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const col = (mapping as Record<string, unknown>)[field];
    if (typeof col === 'number' && Number.isInteger(col) && col >= 0 && col < columnCount && !used.has(col)) {
      out[field] = col;
      used.add(col);
    }
  }
  return out;
}

/** Sets (or clears, with null) one field's column; a column taken by another field moves to this one. */
export function withColumn(mapping: ImportMapping, field: ImportField, col: number | null): ImportMapping {
  const next: ImportMapping = {};
  for (const f of IMPORT_FIELDS) {
    const c = mapping[f];
    if (f !== field && c !== undefined && c !== col) next[f] = c;
  }
  if (col !== null) next[field] = col;
  return next;
}
