// What every generated notice shares: the issuer's printed name and default 发文机关代字 from 设置, the hash that
// ties a notice to the data it was generated from (N34–N36), and a few words of wording. Pure.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { NoticeDoc, NoticeIssuerKey, NoticeKind, SettingsDoc } from '../../../schema';
import { canonicalJson } from '../../../sync/canonical-json';
import { formatMoneyFen } from '../../common/decimal';
import { NOTICE_ISSUER_LABEL } from '../lifecycle';
import type { NoticeContent } from '../docs';

/** The compound's names a notice reads (设置). */
export type NoticeSettings = Readonly<Pick<SettingsDoc, 'compoundName' | 'branchName' | 'ownersCommitteeName' | 'councilName'>>;

/** What a generator returns: the draft's content, without id, stamp or 公示期 (newNoticeDoc adds them, N1). */
export type GeneratedNotice = NoticeContent;

/** A table as the notices schema stores it: cells as printed. */
export type NoticeTable = NonNullable<NoticeDoc['tables']>[number];

// ——— N34: the source data's hash ———

/** N34: SHA-256 (hex) of the canonical JSON of the data a notice was generated from. */
export const dataHashOf = (data: unknown): string => bytesToHex(sha256(utf8ToBytes(canonicalJson(data))));

/**
 * N35: the data behind a generated notice changed since it was generated (its stored `source.dataHash` differs from
 * the hash of the data now): the UI says so and offers a superseding notice. A notice not generated from data
 * (no dataHash) never changes this way.
 */
export function sourceChanged(notice: Pick<NoticeDoc, 'source'>, currentDataHash: string): boolean {
  const stored = notice.source?.dataHash;
  return stored !== undefined && stored !== currentDataHash;
}

// ——— N36–N38: issuers ———

const trim = (s: string | undefined): string => s?.trim() ?? '';

/** Suffixes dropped from a compound's name for its short name, in order (和美小区 → 和美, 金山花园 → 金山). */
const NAME_SUFFIXES = ['小区', '花园', '家园', '新村', '公寓', '社区', '苑'] as const;

/** N37: the compound's short name for 发文机关代字: its name without 小区 and a 花园/家园/… ending, at most 4 characters. */
export function compoundShortName(compoundName: string | undefined): string {
  let s = trim(compoundName);
  for (const suffix of NAME_SUFFIXES) {
    if (s.endsWith(suffix) && Array.from(s).length - suffix.length >= 2) s = s.slice(0, -suffix.length);
  }
  return Array.from(s).slice(0, 4).join('');
}

/** 业委, 党支, 共建: the issuer's part of the 代字. */
export const ISSUER_ABBREVIATION: { readonly [K in NoticeIssuerKey]: string } = { branch: '党支', owners_committee: '业委', council: '共建' };

/** N37: the default 发文机关代字: 和美小区 + 业委会 → 和美业委 (the user can edit it on the notice). */
export function defaultIssuePrefix(settings: NoticeSettings, key: NoticeIssuerKey): string {
  return Array.from(`${compoundShortName(settings.compoundName)}${ISSUER_ABBREVIATION[key]}`).slice(0, 20).join('');
}

/**
 * N36: the issuer's name as printed in the 落款: its name in 设置, else the compound's name with the body
 * (和美小区业主委员会), else the body alone (业主委员会).
 */
export function issuerName(settings: NoticeSettings, key: NoticeIssuerKey): string {
  const named = key === 'branch' ? settings.branchName : key === 'owners_committee' ? settings.ownersCommitteeName : settings.councilName;
  if (trim(named) !== '') return trim(named);
  const compound = trim(settings.compoundName);
  const body = key === 'branch' ? '党支部' : key === 'owners_committee' ? '业主委员会' : '共建理事会';
  return compound ? `${compound}${body}` : NOTICE_ISSUER_LABEL[key];
}

export type IssuerOption = { readonly key: NoticeIssuerKey; readonly name: string; readonly prefix: string };

/** The three issuers the form offers, in the order 党支部, 业委会, 共建理事会. */
export function issuerOptions(settings: NoticeSettings): IssuerOption[] {
  return (['branch', 'owners_committee', 'council'] as const).map((key) => ({ key, name: issuerName(settings, key), prefix: defaultIssuePrefix(settings, key) }));
}

/**
 * N38: the 落款 fields of a notice issued by `key` (主办, whose 文号 it takes), jointly with `joint` (printed after it,
 * each once).
 */
export function issuerFields(
  settings: NoticeSettings,
  key: NoticeIssuerKey,
  joint: readonly NoticeIssuerKey[] = [],
): { issuers: string[]; issuerKey: NoticeIssuerKey; issuePrefix: string } {
  const names = [key, ...joint].map((k) => issuerName(settings, k)).filter((n, i, all) => all.indexOf(n) === i);
  return { issuers: names, issuerKey: key, issuePrefix: defaultIssuePrefix(settings, key) };
}

/** Who issues a kind by default: the books' 公示 the 业委会, task progress the 共建理事会, the rest the 业委会. */
export function defaultIssuerOf(kind: NoticeKind): NoticeIssuerKey {
  return kind === 'task' ? 'council' : 'owners_committee';
}

// ——— wording ———

export const money = formatMoneyFen;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (for 一、 and （一）); outside 1–999 the Arabic number. */
export function cnNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = h > 0 ? `${DIGITS[h]}百` : '';
  if (t > 0) s += h === 0 && t === 1 ? '十' : `${DIGITS[t]}十`;
  else if (h > 0 && u > 0) s += '零';
  if (u > 0) s += DIGITS[u];
  return s;
}

/** Cut to the schema's cell length (500) so that a long text never makes a notice unstorable. */
export const cell = (s: string, max = 500): string => (Array.from(s).length > max ? `${Array.from(s).slice(0, max - 1).join('')}…` : s);

export const MAX_TABLE_ROWS = 500;

/** Rows beyond the schema's 500 a table holds are summed up in its last row. */
export function capRows(rows: string[][], columns: number, more: (n: number) => string): string[][] {
  if (rows.length <= MAX_TABLE_ROWS) return rows;
  const kept = rows.slice(0, MAX_TABLE_ROWS - 1);
  const note = [more(rows.length - kept.length), ...Array.from({ length: columns - 1 }, () => '')];
  return [...kept, note];
}

