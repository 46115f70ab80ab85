// The books as a plain-text hledger journal (SPEC L-J1–L-J6), read by Debian's hledger 1.25 with the very same
// balances as the trial balance: `hledger -f books.journal bal --flat` per leaf, `--depth N` per level.
import { formatFixed, parseFixed } from '../common/decimal';
import type { LocalDate } from '../common/dates';
import type { NumberedVoucher } from './numbering';
import { voucherNo } from './numbering';
import type { Account, AccountType, Book } from './types';

/** L-J1: the top of each account's name: its type, in Chinese (hledger takes any Unicode in account names). */
export const HLEDGER_ROOTS: Readonly<Record<AccountType, string>> = { asset: '资产', liability: '负债', net_assets: '净资产', income: '收入', expense: '费用' };
const HLEDGER_TYPE: Readonly<Record<AccountType, string>> = { asset: 'A', liability: 'L', net_assets: 'E', income: 'R', expense: 'X' };

/** hledger ends an account name at two spaces or a tab and splits it at ':'; ';' starts a comment. */
const clean = (s: string): string => s.replace(/:/g, '：').replace(/;/g, '；').replace(/[\s\u3000]+/g, ' ').trim();

/** L-J1: `资产:1002 银行存款:100201 基本存款账户` — type, then each level as "code name". */
export function hledgerAccountNames(accounts: readonly Account[]): Map<string, string> {
  const byId = new Map(accounts.filter((x) => x._deleted !== true).map((x) => [x.id, x]));
  const out = new Map<string, string>();
  const nameOf = (x: Account): string => {
    const known = out.get(x.id);
    if (known) return known;
    const own = `${x.code} ${clean(x.name)}`.trim();
    const parent = x.parentId !== undefined ? byId.get(x.parentId) : undefined;
    const full = parent ? `${nameOf(parent)}:${own}` : `${HLEDGER_ROOTS[x.type]}:${own}`;
    out.set(x.id, full);
    return full;
  };
  for (const x of byId.values()) nameOf(x);
  return out;
}

/** L-J2: ¥1234.56, ¥-0.05 — one commodity, two decimals, no grouping (declared by the commodity directive). */
export const hledgerAmount = (fen: number): string => `¥${formatFixed(fen, { scale: 2 })}`;

const tagValue = (s: string): string => s.replace(/[,\s;:]+/g, '_');

/**
 * L-J1–L-J5: the journal. Account directives (with hledger types), an 期初余额 transaction on `openingDate` (default:
 * the first day of the earliest voucher's month), then every posted voucher as a cleared transaction `(记-N) 摘要` with its lines; a
 * reversal keeps its negative amounts and is tagged with its original. Drafts are left out.
 */
export function hledgerJournal(
  book: Book,
  options: { readonly numbers?: ReadonlyMap<string, NumberedVoucher>; readonly openingDate?: LocalDate; readonly title?: string } = {},
): string {
  const names = hledgerAccountNames(book.accounts);
  const live = book.accounts.filter((x) => x._deleted !== true).sort((a, b) => (a.code < b.code ? -1 : 1));
  const posted = book.vouchers
    .filter((v) => v._deleted !== true && v.status === 'posted')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (options.numbers?.get(a.id)?.number ?? 0) - (options.numbers?.get(b.id)?.number ?? 0)));
  const out: string[] = [];
  out.push(`; ${clean(options.title ?? '邻里工作台 财务台账')}`, '; amounts in yuan; debit positive, credit negative', '', 'commodity ¥1000.00', '');
  for (const x of live) out.push(`account ${names.get(x.id)}  ; type:${HLEDGER_TYPE[x.type]}${x.active ? '' : ', inactive:'}`);
  out.push('');
  const openings = live.filter((x) => (x.openingBalanceFen ?? 0) !== 0);
  if (openings.length > 0) {
    // The first day of the first month: ranges starting at a month boundary then include it (hledger -b).
    const date = options.openingDate ?? (posted[0] ? `${posted[0].date.slice(0, 7)}-01` : '2000-01-01');
    out.push(`${date} * (期初) 期初余额`);
    for (const x of openings) out.push(`    ${names.get(x.id)}  ${hledgerAmount((x.openingBalanceFen ?? 0) * (x.normalSide === 'debit' ? 1 : -1))}`);
    out.push('');
  }
  for (const v of posted) {
    const n = options.numbers?.get(v.id);
    const code = n ? voucherNo(n.number) : `v-${tagValue(v.id)}`;
    const tags = [`voucher:${tagValue(v.id)}`, ...(v.reversalOf ? [`reversal-of:${tagValue(v.reversalOf)}`] : []), ...(v.reversedBy ? [`reversed-by:${tagValue(v.reversedBy)}`] : [])];
    out.push(`${v.date} * (${code}) ${clean(v.summary) || '-'}  ; ${tags.join(', ')}`);
    for (const l of v.lines) {
      const name = names.get(l.accountId) ?? `未知科目:${clean(l.accountId)}`;
      const lineTags = l.projectId ? `  ; project:${tagValue(l.projectId)}` : '';
      out.push(`    ${name}  ${hledgerAmount(l.debitFen - l.creditFen)}${lineTags}`);
    }
    out.push('');
  }
  return out.join('\n');
}

const amountFen = (text: string): number => {
  const s = text.trim().replace(/¥/g, '').replace(/,/g, '');
  if (s === '0' || s === '') return 0;
  const r = parseFixed(s, { scale: 2, max: Number.MAX_SAFE_INTEGER, allowNegative: true });
  if (!r.ok) throw new Error(`not a ¥ amount: ${text}`);
  return r.value;
};

/** L-J6: `hledger bal -O csv` output → balance (net debit, fen) per account name; the total row is dropped. */
export function parseHledgerBalanceCsv(csv: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of csv.split(/\r?\n/)) {
    const m = /^"((?:[^"]|"")*)","((?:[^"]|"")*)"$/.exec(line.trim());
    if (!m || m[1] === 'account' || m[1] === 'total') continue;
    out.set((m[1] as string).replace(/""/g, '"'), amountFen(m[2] as string));
  }
  return out;
}

/** A tiny reader of this module's own journals: postings summed per account name (tests without hledger). */
export function journalBalances(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('    ')) continue;
    const m = /^ {4}(\S(?:.*?\S)?) {2,}(¥-?\d+\.\d{2})/.exec(line);
    if (!m) throw new Error(`not a posting: ${line}`);
    out.set(m[1] as string, (out.get(m[1] as string) ?? 0) + amountFen(m[2] as string));
  }
  return out;
}
