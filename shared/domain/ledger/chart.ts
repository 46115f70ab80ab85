// The chart of accounts (会计科目表) of an owners' committee, on the 民间非营利组织会计制度 codes its accountants use,
// and the rules for changing it (SPEC L-A1–L-A8).
import { err, ok, type Result } from '../../result';
import type { Account, AccountType, LedgerProblem, Side } from './types';

export type ChartTemplateEntry = {
  readonly code: string;
  readonly name: string;
  readonly type: AccountType;
  readonly normalSide: Side;
  readonly cashKind?: 'cash' | 'bank';
  readonly requiresProject?: boolean;
};

const a = (code: string, name: string, type: AccountType, normalSide: Side, extra: Partial<ChartTemplateEntry> = {}): ChartTemplateEntry => ({
  code,
  name,
  type,
  normalSide,
  ...extra,
});

/** L-A1. Level 1 are the 民非 codes; the sub-accounts are what a committee's books actually need to tell apart. */
export const CHART_TEMPLATE: readonly ChartTemplateEntry[] = [
  // 资产
  a('1001', '库存现金', 'asset', 'debit', { cashKind: 'cash' }), // petty cash for small purchases
  a('1002', '银行存款', 'asset', 'debit', { cashKind: 'bank' }), // one sub-account per bank account, reconciled separately
  a('100201', '基本存款账户', 'asset', 'debit', { cashKind: 'bank' }), // the 业委会's own account, opened with the 备案
  a('1122', '应收款项', 'asset', 'debit'), // 公共收益 earned but not yet paid over (e.g. by the 物业 collecting parking fees)
  a('1141', '预付账款', 'asset', 'debit'), // paid ahead of the service: insurance, annual contracts
  a('1501', '固定资产', 'asset', 'debit'), // cameras, barriers, office equipment the committee owns
  a('1502', '累计折旧', 'asset', 'credit'), // contra-asset: stands on the credit side and reduces 固定资产
  // 负债
  a('2202', '应付款项', 'liability', 'credit'), // invoices received for work done but not yet paid
  a('2203', '预收账款', 'liability', 'credit'), // rent or advertising paid for months still to come
  a('2209', '其他应付款', 'liability', 'credit'), // money that is not the committee's own
  a('220901', '代收代付', 'liability', 'credit'), // collected for others (utilities, 维修资金 shares) and passed on
  a('220902', '押金', 'liability', 'credit'), // 装修押金 and venue deposits, to be returned
  // 净资产
  a('3101', '非限定性净资产', 'net_assets', 'credit'), // what the committee may spend on any lawful purpose
  a('3102', '限定性净资产', 'net_assets', 'credit', { requiresProject: true }), // bound to one project by the giver
  // 收入
  a('4101', '捐赠收入', 'income', 'credit'), // gifts from owners or businesses
  a('4401', '政府补助收入', 'income', 'credit'),
  a('440101', '以奖代补', 'income', 'credit', { requiresProject: true }), // street-office grants, each for one project
  a('440102', '其他政府补助', 'income', 'credit'),
  a('4701', '公共收益收入', 'income', 'credit'), // income from the owners' common parts (民法典 art. 282)
  a('470101', '停车收益', 'income', 'credit'),
  a('470102', '广告收益', 'income', 'credit'),
  a('470103', '场地租赁收益', 'income', 'credit'),
  a('470104', '其他公共收益', 'income', 'credit'),
  a('4901', '其他收入', 'income', 'credit'), // bank interest and the odd receipt
  // 费用
  a('5101', '业务活动成本', 'expense', 'debit'), // spending on the compound itself
  a('510101', '维修养护', 'expense', 'debit'),
  a('510102', '活动支出', 'expense', 'debit'), // community events
  a('510103', '公共设施改造', 'expense', 'debit'), // the usual use of a 以奖代补 grant
  a('510104', '其他业务支出', 'expense', 'debit'),
  a('5201', '管理费用', 'expense', 'debit'), // running the committee
  a('520101', '办公费', 'expense', 'debit'),
  a('520102', '业委会工作经费', 'expense', 'debit'), // 委员 allowances, as the 业主大会 decided
  a('520103', '审计咨询费', 'expense', 'debit'), // audits and legal advice
  a('520104', '其他管理费用', 'expense', 'debit'),
  a('5401', '其他费用', 'expense', 'debit'),
  a('540101', '银行手续费', 'expense', 'debit'),
  a('540102', '其他支出', 'expense', 'debit'),
];

/** The id a template account gets: deterministic, so two PCs setting up the books write the same documents. */
export const templateAccountId = (code: string): string => `acct-${code}`;

/** The parent code of a template code: 4 digits are level 1, each further 2 digits one level down. */
const parentCodeOf = (code: string): string | undefined => (code.length > 4 ? code.slice(0, -2) : undefined);

/** L-A1: the template as accounts, all active, no opening balances. */
export function chartFromTemplate(template: readonly ChartTemplateEntry[] = CHART_TEMPLATE): Account[] {
  return template.map((e) => {
    const parent = parentCodeOf(e.code);
    return {
      id: templateAccountId(e.code),
      code: e.code,
      name: e.name,
      type: e.type,
      normalSide: e.normalSide,
      ...(parent ? { parentId: templateAccountId(parent) } : {}),
      ...(e.cashKind ? { cashKind: e.cashKind } : {}),
      ...(e.requiresProject ? { requiresProject: true } : {}),
      active: true,
    };
  });
}

export const liveAccounts = (accounts: readonly Account[]): Account[] => accounts.filter((x) => x._deleted !== true);

/** Ids of accounts that have children (汇总科目). */
export function parentIds(accounts: readonly Account[]): Set<string> {
  const s = new Set<string>();
  for (const x of accounts) if (x._deleted !== true && x.parentId) s.add(x.parentId);
  return s;
}

const TYPE_DIGIT: Readonly<Record<AccountType, string>> = { asset: '1', liability: '2', net_assets: '3', income: '4', expense: '5' };

export type AccountProblemCode =
  | 'CODE_INVALID' // not 4 digits + pairs of 2
  | 'CODE_DUPLICATE'
  | 'NAME_REQUIRED'
  | 'TYPE_CODE_MISMATCH' // 1xxx asset, 2xxx liability, 3xxx net assets, 4xxx income, 5xxx expense
  | 'PARENT_UNKNOWN'
  | 'SUB_CODE_INVALID' // not parent code + 2 digits
  | 'SUB_TYPE_MISMATCH'; // a sub-account has its parent's type and normal side

/** L-A2: the shape of one account within the chart. */
export function accountProblem(account: Account, accounts: readonly Account[]): LedgerProblem<AccountProblemCode> | null {
  if (!/^\d{4}(\d{2})*$/.test(account.code)) return { code: 'CODE_INVALID', path: 'code' };
  if (account.name.trim() === '') return { code: 'NAME_REQUIRED', path: 'name' };
  if (account.code[0] !== TYPE_DIGIT[account.type]) return { code: 'TYPE_CODE_MISMATCH', path: 'type' };
  const live = liveAccounts(accounts);
  if (live.some((x) => x.id !== account.id && x.code === account.code)) return { code: 'CODE_DUPLICATE', path: 'code' };
  if (account.parentId === undefined) {
    return account.code.length === 4 ? null : { code: 'SUB_CODE_INVALID', path: 'code' };
  }
  const parent = live.find((x) => x.id === account.parentId);
  if (!parent) return { code: 'PARENT_UNKNOWN', path: 'parentId' };
  if (account.code.length !== parent.code.length + 2 || !account.code.startsWith(parent.code)) return { code: 'SUB_CODE_INVALID', path: 'code' };
  if (account.type !== parent.type) return { code: 'SUB_TYPE_MISMATCH', path: 'type' };
  return null;
}

export type SubAccountErrorCode =
  | 'PARENT_UNKNOWN'
  | 'PARENT_INACTIVE'
  | 'PARENT_HAS_POSTINGS' // its balance would be stranded on a parent: move it first
  | 'NAME_REQUIRED'
  | 'NAME_DUPLICATE'
  | 'SUB_ACCOUNTS_FULL'; // 01–99 used

/**
 * L-A3: a new sub-account under `parentId`, code = parent code + the next free 2 digits. It inherits type, normal side,
 * cash kind and the project requirement (which `options.requiresProject` may switch on or off).
 */
export function addSubAccount(
  accounts: readonly Account[],
  parentId: string,
  input: { readonly id: string; readonly name: string; readonly requiresProject?: boolean },
  parentHasPostings: boolean,
): Result<Account, LedgerProblem<SubAccountErrorCode>> {
  const live = liveAccounts(accounts);
  const parent = live.find((x) => x.id === parentId);
  if (!parent) return err({ code: 'PARENT_UNKNOWN', path: 'parentId' });
  if (!parent.active) return err({ code: 'PARENT_INACTIVE', path: 'parentId' });
  const hasChildren = live.some((x) => x.parentId === parentId);
  if (!hasChildren && (parentHasPostings || (parent.openingBalanceFen ?? 0) !== 0)) return err({ code: 'PARENT_HAS_POSTINGS', path: 'parentId' });
  const name = input.name.trim();
  if (name === '') return err({ code: 'NAME_REQUIRED', path: 'name' });
  const siblings = accounts.filter((x) => x.parentId === parentId); // deleted ones keep their code
  if (siblings.some((x) => x._deleted !== true && x.name === name)) return err({ code: 'NAME_DUPLICATE', path: 'name' });
  const used = new Set(siblings.map((x) => x.code));
  let n = 1;
  while (n <= 99 && used.has(parent.code + String(n).padStart(2, '0'))) n++;
  if (n > 99) return err({ code: 'SUB_ACCOUNTS_FULL', path: 'parentId' });
  const requiresProject = input.requiresProject ?? parent.requiresProject === true;
  return ok({
    id: input.id,
    code: parent.code + String(n).padStart(2, '0'),
    name,
    type: parent.type,
    normalSide: parent.normalSide,
    parentId,
    ...(parent.cashKind ? { cashKind: parent.cashKind } : {}),
    ...(requiresProject ? { requiresProject: true } : {}),
    active: true,
  });
}

/** L-A4: deactivating is allowed even with postings (history stays); a parent takes its sub-accounts with it. */
export function deactivateAccount(accounts: readonly Account[], id: string): Result<Account[], LedgerProblem<'ACCOUNT_UNKNOWN'>> {
  const live = liveAccounts(accounts);
  if (!live.some((x) => x.id === id)) return err({ code: 'ACCOUNT_UNKNOWN' });
  const out: Account[] = [];
  const visit = (aid: string): void => {
    const acc = live.find((x) => x.id === aid);
    if (!acc) return;
    if (acc.active) out.push({ ...acc, active: false });
    for (const c of live) if (c.parentId === aid) visit(c.id);
  };
  visit(id);
  return ok(out);
}

export type AccountChangeCode =
  | 'ACCOUNT_HAS_POSTINGS' // delete, recode, retype, move: not once it has postings
  | 'OPENING_LOCKED'; // 期初余额 entered once: fixed once the ledger has a posted voucher

/**
 * L-A5: the server's and the app's check of a change to an account. Name, note and `active` may always change;
 * code, type, normal side, parent and deletion only while the account has no postings; the opening balance only
 * until the books have a posted voucher (`openingLocked`).
 */
export function accountChangeProblem(
  before: Account | undefined,
  after: Account,
  hasPostings: boolean,
  openingLocked = false,
): LedgerProblem<AccountChangeCode> | null {
  if (!before || before._deleted === true) return null;
  if (hasPostings) {
    if (after._deleted === true) return { code: 'ACCOUNT_HAS_POSTINGS', path: '_deleted' };
    for (const f of ['code', 'type', 'normalSide', 'parentId', 'cashKind'] as const) {
      if (before[f] !== after[f]) return { code: 'ACCOUNT_HAS_POSTINGS', path: f };
    }
  }
  if (openingLocked && (before.openingBalanceFen ?? 0) !== (after.openingBalanceFen ?? 0)) return { code: 'OPENING_LOCKED', path: 'openingBalanceFen' };
  return null;
}

/** +1 when the account's normal side is debit: turns a normal-side balance into a debit-positive one. */
export const debitSign = (x: Pick<Account, 'normalSide'>): 1 | -1 => (x.normalSide === 'debit' ? 1 : -1);

export type OpeningProblemCode = 'OPENING_NOT_INTEGER' | 'OPENING_ON_PARENT' | 'OPENING_UNBALANCED';

/**
 * L-A6: opening balances stand on leaf accounts, in integer fen, and balance: Σ debit-side = Σ credit-side (each
 * balance on its account's normal side; a negative one counts on the other side).
 */
export function openingBalanceProblem(accounts: readonly Account[]): LedgerProblem<OpeningProblemCode> | null {
  const live = liveAccounts(accounts);
  const parents = parentIds(live);
  let debit = 0;
  let credit = 0;
  for (const x of live) {
    const o = x.openingBalanceFen ?? 0;
    if (!Number.isSafeInteger(o)) return { code: 'OPENING_NOT_INTEGER', path: `accounts.${x.id}.openingBalanceFen` };
    if (o === 0) continue;
    if (parents.has(x.id)) return { code: 'OPENING_ON_PARENT', path: `accounts.${x.id}.openingBalanceFen` };
    const signed = o * debitSign(x);
    if (signed > 0) debit += signed;
    else credit -= signed;
  }
  return debit === credit ? null : { code: 'OPENING_UNBALANCED', detail: { debitFen: debit, creditFen: credit, differenceFen: debit - credit } };
}
