// The books bench/ledger.ts loads: one year of an owners' committee's ledger, built through the ledger's own pure
// functions the way the app writes it — the template chart with sub-accounts (addSubAccount) and balanced opening
// balances, every voucher saved as a draft by the 制单人, reviewed and posted by the 审核人 (reviewVoucher,
// postVoucher), some corrected by 红冲 (reverseVoucher), then each month closed in order (closePeriod: the stored
// 记-N numbering, hash chain and closing balances). Deterministic for a given seed.
import { addCalendarDays, periodOf, type LocalDate } from '../shared/domain/common/dates';
import { addSubAccount, chartFromTemplate, openingBalanceProblem } from '../shared/domain/ledger/chart';
import { closePeriod } from '../shared/domain/ledger/period';
import { postVoucher, reverseVoucher, reviewVoucher, voucherContext, type ReversalContext } from '../shared/domain/ledger/voucher';
import type { Account, Book, LedgerPeriod, Voucher, VoucherLine } from '../shared/domain/ledger/types';
import { mulberry32 } from './random';

type Rand = () => number;
/** A stored document: the ledger type plus the bookkeeping fields (createdAt/By, updatedAt/By). */
export type Stored = Record<string, unknown> & { id: string };

/** 制单人 (a 出纳/会计, role treasurer) and 审核人 (the 业委会主任, role admin), as the server knows them. */
export const PREPARER = '张会计';
export const REVIEWER = '李主任';

export type LedgerBenchData = {
  readonly year: number;
  /** The chart with its opening balances, parents before their sub-accounts. */
  readonly accounts: Stored[];
  /** Every voucher's first version as its 制单人 saved it, in the order they were written. */
  readonly drafts: Stored[];
  /** The same vouchers reviewed and posted by the 审核人, in posting order (an original before its reversal). */
  readonly posted: Stored[];
  /** Originals with `reversedBy`, written once their reversal is posted. */
  readonly links: Stored[];
  /** The twelve closes, in month order. */
  readonly periods: Stored[];
  /** The final state, as the reports read it. */
  readonly book: Book;
  readonly ledgerPeriods: LedgerPeriod[];
  readonly lineCount: number;
  readonly reversals: number;
  /** Vouchers per kind, for the printout. */
  readonly kinds: ReadonlyMap<string, number>;
  /** The busiest bank account (基本存款账户) and the projects of the restricted money. */
  readonly bankId: string;
  readonly projects: readonly string[];
};

const hex = (r: Rand, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
/** A UUID-shaped id, as crypto.randomUUID() gives the app's documents (same length, so the same sizes). */
const uuid = (r: Rand): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${'89ab'[Math.floor(r() * 4)]}${hex(r, 3)}-${hex(r, 12)}`;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
/** Yuan between lo and hi as fen; whole yuan when `whole`. */
const yuan = (r: Rand, lo: number, hi: number, whole = false): number => (whole ? Math.round(lo + r() * (hi - lo)) * 100 : Math.round((lo + r() * (hi - lo)) * 100));
/** A long tail: mostly near lo, now and then up to hi. */
const tail = (r: Rand, lo: number, hi: number): number => Math.round((lo + Math.pow(r(), 3) * (hi - lo)) * 100);
const at = (day: LocalDate, minutes: number): string => new Date(Date.parse(`${day}T00:00:00.000+08:00`) + minutes * 60_000).toISOString();

const GATES = ['东门', '南门', '北门', '地库入口', '地库出口'];
const MEMBERS = ['王建国', '刘秀英', '陈志强', '杨桂兰', '赵海燕', '黄卫东', '周淑珍', '吴明', '徐静'];
const PROPERTY = '安居物业服务有限公司';
const PAYEES: Readonly<Record<string, readonly string[]>> = {
  lift: ['迅达电梯（中国）有限公司', '日立电梯服务公司'],
  green: ['绿源园林绿化有限公司', '青松绿化养护队'],
  fire: ['安泰消防设施维保有限公司'],
  repair: ['鑫达建筑维修工程部', '张师傅水电维修', '恒通市政工程公司', '美家防水工程部'],
  event: ['社区文化服务中心', '便民超市', '彩虹印务'],
  office: ['晨光文具店', '京东商城', '联通营业厅'],
  audit: ['正信会计师事务所', '明理律师事务所'],
};
const PROJECTS = ['以奖代补-充电棚改造', '以奖代补-楼道照明改造', '以奖代补-监控系统升级'];

type Leg = { code: string; debit?: number; credit?: number; summary?: string; projectId?: string };
type Draft = { kind: string; summary: string; legs: Leg[]; counterparty?: string; attachments: number; reversible?: boolean };

/** The chart: the template, a second bank account, parking and maintenance split into sub-accounts; opening balances. */
function buildChart(r: Rand): { accounts: Account[]; idOf: (code: string) => string } {
  let accounts = chartFromTemplate();
  const sub = (parentCode: string, name: string, extra: Partial<Account> = {}): void => {
    const parent = accounts.find((x) => x.code === parentCode);
    if (!parent) throw new Error(`no account ${parentCode}`);
    const made = addSubAccount(accounts, parent.id, { id: uuid(r), name }, false);
    if (!made.ok) throw new Error(`${parentCode} ${name}: ${made.error.code}`);
    accounts = [...accounts, { ...made.value, ...extra }];
  };
  accounts = accounts.map((x) => (x.code === '100201' ? { ...x, bankName: '中国工商银行幸福路支行', bankAccountNo: '1202 0213 0900 1234 567' } : x));
  sub('1002', '专用存款账户', { bankName: '中国建设银行城南支行', bankAccountNo: '3205 0161 3600 0000 8821', note: '以奖代补等限定用途资金' });
  sub('470101', '地面停车');
  sub('470101', '地下车库临停');
  sub('470101', '月租车位');
  sub('510101', '电梯维保');
  sub('510101', '绿化养护');
  sub('510101', '消防设施');
  sub('510101', '公共设施维修');
  const byCode = new Map(accounts.map((x) => [x.code, x.id]));
  const idOf = (code: string): string => {
    const id = byCode.get(code);
    if (!id) throw new Error(`no account ${code}`);
    return id;
  };
  const opening: Record<string, number> = {
    '1001': 520_000,
    '100201': 128_640_000,
    '100202': 35_000_000,
    '1122': 6_180_000,
    '1141': 1_200_000,
    '1501': 18_600_000,
    '1502': 4_650_000, // credit side
    '2202': 3_820_000,
    '220901': 1_236_000,
    '220902': 5_600_000,
    '3102': 35_000_000,
  };
  accounts = accounts.map((x) => (opening[x.code] ? { ...x, openingBalanceFen: opening[x.code] } : x));
  // 非限定性净资产 takes what balances the rest.
  const p = openingBalanceProblem(accounts);
  const diff = p?.detail?.differenceFen;
  if (typeof diff !== 'number') throw new Error('opening balances expected to be unbalanced before 3101');
  accounts = accounts.map((x) => (x.code === '3101' ? { ...x, openingBalanceFen: diff } : x));
  if (openingBalanceProblem(accounts)) throw new Error('opening balances do not balance');
  return { accounts, idOf };
}

const MD = (d: LocalDate): string => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The kinds of voucher a committee writes, with their weights. */
function kinds(r: Rand): readonly (readonly [number, (day: LocalDate) => Draft])[] {
  const fee = (gross: number): number => Math.max(1, Math.round(gross * 0.006));
  const expenseLeaf = (): { code: string; payee: string; what: string; lo: number; hi: number } =>
    pick(r, [
      { code: '51010101', payee: pick(r, PAYEES.lift!), what: '电梯维保费', lo: 800, hi: 9_000 },
      { code: '51010102', payee: pick(r, PAYEES.green!), what: '绿化养护费', lo: 300, hi: 6_000 },
      { code: '51010103', payee: pick(r, PAYEES.fire!), what: '消防设施检测维保费', lo: 500, hi: 12_000 },
      { code: '51010104', payee: pick(r, PAYEES.repair!), what: '公共设施维修费', lo: 120, hi: 80_000 },
      { code: '51010104', payee: pick(r, PAYEES.repair!), what: '屋面防水维修费', lo: 800, hi: 40_000 },
      { code: '510102', payee: pick(r, PAYEES.event!), what: '社区活动支出', lo: 100, hi: 5_000 },
      { code: '510104', payee: pick(r, PAYEES.repair!), what: '化粪池清掏费', lo: 300, hi: 3_000 },
      { code: '520101', payee: pick(r, PAYEES.office!), what: '办公用品', lo: 30, hi: 2_000 },
      { code: '520103', payee: pick(r, PAYEES.audit!), what: '审计咨询费', lo: 2_000, hi: 30_000 },
      { code: '520104', payee: PROPERTY, what: '公示栏维护及打印费', lo: 50, hi: 1_500 },
      { code: '540102', payee: pick(r, PAYEES.repair!), what: '其他支出', lo: 50, hi: 2_000 },
    ]);
  return [
    // 停车费日结: the gates' payment terminals settle to the bank net of the channel fee.
    [
      26,
      (day) => {
        const gate = pick(r, GATES);
        const ground = r() < 0.85 ? yuan(r, 60, 1_600, true) : 0;
        const under = ground === 0 || r() < 0.8 ? yuan(r, 120, 3_200, true) : 0;
        const gross = ground + under;
        const f = fee(gross);
        return {
          kind: '停车费日结',
          summary: `收${MD(day)}${gate}停车费（扣支付渠道手续费）`,
          counterparty: '财付通支付科技有限公司',
          attachments: int(r, 1, 2),
          reversible: true,
          legs: [
            { code: '100201', debit: gross - f },
            { code: '540101', debit: f, summary: '支付渠道手续费' },
            ...(ground ? [{ code: '47010101', credit: ground, summary: `${gate}地面停车费` }] : []),
            ...(under ? [{ code: '47010102', credit: under, summary: `${gate}地下车库临停费` }] : []),
          ],
        };
      },
    ],
    // 物业代收的公共收益, 确认应收.
    [
      7,
      (day) => {
        const parts: Leg[] = [{ code: '47010103', credit: yuan(r, 1_500, 18_000, true), summary: '月租车位费' }];
        if (r() < 0.4) parts.push({ code: '470102', credit: yuan(r, 500, 8_000, true), summary: '电梯广告位收益' });
        if (r() < 0.25) parts.push({ code: '470103', credit: yuan(r, 200, 3_000, true), summary: '场地租赁收益' });
        if (r() < 0.1) parts.push({ code: '470104', credit: yuan(r, 50, 800), summary: '快递柜场地费' });
        const total = parts.reduce((s, l) => s + (l.credit ?? 0), 0);
        return { kind: '确认应收公共收益', summary: `确认物业代收公共收益（${MD(day)}）`, counterparty: PROPERTY, attachments: int(r, 1, 3), legs: [{ code: '1122', debit: total }, ...parts] };
      },
    ],
    [
      5,
      () => {
        const x = yuan(r, 2_000, 30_000, true);
        const f = r() < 0.3 ? yuan(r, 0.5, 10) : 0;
        return {
          kind: '收回应收',
          summary: '收物业划转公共收益',
          counterparty: PROPERTY,
          attachments: 1,
          legs: [{ code: '100201', debit: x - f }, ...(f ? [{ code: '540101', debit: f, summary: '跨行手续费' }] : []), { code: '1122', credit: x }],
        };
      },
    ],
    // 银行付款的费用, with the bank's fee now and then.
    [
      20,
      () => {
        const e = expenseLeaf();
        const x = tail(r, e.lo, e.hi);
        const legs: Leg[] = [{ code: e.code, debit: x }];
        if (r() < 0.35) {
          const f = expenseLeaf();
          legs.push({ code: f.code, debit: tail(r, f.lo, f.hi / 3), summary: f.what });
        }
        if (r() < 0.65) legs.push({ code: '540101', debit: yuan(r, 0.5, 15), summary: '转账手续费' });
        const total = legs.reduce((s, l) => s + (l.debit ?? 0), 0);
        return { kind: '银行付费用', summary: `付${e.payee}${e.what}`, counterparty: e.payee, attachments: int(r, 1, 4), reversible: true, legs: [...legs, { code: '100201', credit: total }] };
      },
    ],
    [
      4,
      () => {
        const e = expenseLeaf();
        const x = tail(r, e.lo, e.hi);
        return { kind: '预提应付', summary: `预提${e.payee}${e.what}`, counterparty: e.payee, attachments: 1, legs: [{ code: e.code, debit: x }, { code: '2202', credit: x }] };
      },
    ],
    [
      4,
      () => {
        const x = yuan(r, 500, 20_000);
        const f = yuan(r, 0.5, 15);
        const payee = pick(r, [...PAYEES.repair!, ...PAYEES.lift!, ...PAYEES.green!]);
        return { kind: '支付应付', summary: `支付${payee}前欠款`, counterparty: payee, attachments: 2, legs: [{ code: '2202', debit: x }, { code: '540101', debit: f, summary: '转账手续费' }, { code: '100201', credit: x + f }] };
      },
    ],
    // 备用金 paid in cash.
    [
      8,
      () => {
        const [code, what] = pick(r, [
          ['520101', '购买办公用品'],
          ['510102', '购买活动物资'],
          ['510104', '购买清洁用品'],
          ['520104', '复印打印费'],
        ] as const);
        const legs: Leg[] = [{ code, debit: yuan(r, 8, 600) }];
        if (r() < 0.3) legs.push({ code: '520104', debit: yuan(r, 5, 80), summary: '快递及打印费' });
        const total = legs.reduce((s, l) => s + (l.debit ?? 0), 0);
        return { kind: '现金付费用', summary: `现金${what}`, attachments: int(r, 1, 3), reversible: true, legs: [...legs, { code: '1001', credit: total }] };
      },
    ],
    [
      2,
      () => {
        const x = yuan(r, 10, 50, true) * 100;
        return { kind: '提取备用金', summary: '提取现金备用', attachments: 1, legs: [{ code: '1001', debit: x }, { code: '100201', credit: x }] };
      },
    ],
    // 代收代付: money that is not the committee's.
    [
      4,
      (day) => {
        const parts: Leg[] = Array.from({ length: r() < 0.4 ? 2 : 1 }, () => ({ code: '220901', credit: yuan(r, 200, 3_000), summary: `${int(r, 1, 36)}号楼公共水电费分摊` }));
        const total = parts.reduce((s, l) => s + (l.credit ?? 0), 0);
        return { kind: '代收', summary: `代收公共水电费分摊（${MD(day)}）`, attachments: 1, legs: [{ code: '100201', debit: total }, ...parts] };
      },
    ],
    [
      3,
      () => {
        const x = yuan(r, 500, 6_000);
        const f = yuan(r, 0.5, 10);
        return { kind: '代付', summary: '代付公共水电费', counterparty: '国网供电公司', attachments: 2, legs: [{ code: '220901', debit: x }, { code: '540101', debit: f, summary: '转账手续费' }, { code: '100201', credit: x + f }] };
      },
    ],
    [
      3,
      () => {
        const x = pick(r, [200_000, 300_000, 500_000]);
        const who = `${int(r, 1, 36)}号楼${int(r, 1, 4)}单元${int(r, 1, 28)}0${int(r, 1, 4)}室`;
        return { kind: '收押金', summary: `收${who}装修押金`, counterparty: `${who}业主`, attachments: 1, legs: [{ code: '100201', debit: x }, { code: '220902', credit: x }] };
      },
    ],
    [
      2,
      () => {
        const x = pick(r, [200_000, 300_000, 500_000]);
        const who = `${int(r, 1, 36)}号楼${int(r, 1, 4)}单元${int(r, 1, 28)}0${int(r, 1, 4)}室`;
        return { kind: '退押金', summary: `退${who}装修押金`, counterparty: `${who}业主`, attachments: 1, legs: [{ code: '220902', debit: x }, { code: '100201', credit: x }] };
      },
    ],
    // 限定性资金: the street office's 以奖代补 grants, received on the special account and spent on their project.
    [
      3,
      () => {
        const project = pick(r, PROJECTS);
        const a = tail(r, 1_000, 60_000);
        const legs: Leg[] = [{ code: '510103', debit: a, projectId: project, summary: `${project.slice(5)}工程款` }];
        if (r() < 0.4) legs.push({ code: '51010104', debit: yuan(r, 200, 5_000), projectId: project, summary: '配套维修' });
        const total = legs.reduce((s, l) => s + (l.debit ?? 0), 0);
        return { kind: '项目支出', summary: `支付${project}工程款`, counterparty: pick(r, PAYEES.repair!), attachments: int(r, 2, 6), legs: [...legs, { code: '100202', credit: total }] };
      },
    ],
    [
      0.4,
      () => {
        const project = pick(r, PROJECTS);
        const x = yuan(r, 50_000, 300_000, true);
        return { kind: '收到补助', summary: `收到街道办${project}补助资金`, counterparty: '幸福街道办事处', attachments: 2, legs: [{ code: '100202', debit: x }, { code: '440101', credit: x, projectId: project }] };
      },
    ],
    [
      0.5,
      () => {
        const x = yuan(r, 5_000, 50_000, true);
        return { kind: '账户间划转', summary: '基本户划转专用户（配套资金）', attachments: 1, legs: [{ code: '100202', debit: x }, { code: '100201', credit: x }] };
      },
    ],
    // 委员工作经费, one line a member.
    [
      2,
      (day) => {
        const members = [...MEMBERS].sort(() => r() - 0.5).slice(0, int(r, 5, 9));
        const legs: Leg[] = members.map((m) => ({ code: '520102', debit: yuan(r, 200, 800, true), summary: `${m}${Number(day.slice(5, 7))}月工作补贴` }));
        const total = legs.reduce((s, l) => s + (l.debit ?? 0), 0);
        return { kind: '委员工作经费', summary: `发放${Number(day.slice(5, 7))}月业委会委员工作经费`, attachments: 1, legs: [...legs, { code: '100201', credit: total }] };
      },
    ],
    [
      1,
      () => {
        const [code, what, payer] = pick(r, [
          ['4901', '银行存款利息', '中国工商银行'],
          ['4101', '业主捐赠（敬老活动）', '热心业主'],
          ['440102', '街道垃圾分类补贴', '幸福街道办事处'],
        ] as const);
        const x = code === '4901' ? yuan(r, 20, 900) : yuan(r, 500, 10_000, true);
        return { kind: '其他收入', summary: `收${what}`, counterparty: payer, attachments: 1, legs: [{ code: '100201', debit: x }, { code, credit: x }] };
      },
    ],
    [
      0.3,
      () => {
        const x = yuan(r, 3_000, 40_000, true);
        return { kind: '购置固定资产', summary: `购置${pick(r, ['监控摄像机', '道闸', '办公电脑', '打印机', '公示屏'])}`, counterparty: pick(r, PAYEES.office!), attachments: 3, legs: [{ code: '1501', debit: x }, { code: '100201', credit: x }] };
      },
    ],
    [
      0.5,
      () => {
        const x = yuan(r, 1_000, 12_000, true);
        return { kind: '预付', summary: `预付${pick(r, ['公众责任险保费', '电梯年度维保费', '监控运维年费'])}`, attachments: 2, legs: [{ code: '1141', debit: x }, { code: '100201', credit: x }] };
      },
    ],
    [
      0.5,
      () => {
        const x = yuan(r, 100, 1_000, true);
        return { kind: '摊销预付', summary: '摊销预付保险及年费', attachments: 1, legs: [{ code: '520104', debit: x }, { code: '1141', credit: x }] };
      },
    ],
  ];
}

/** A day of the year, weekdays three times as likely as weekends. */
function dayOf(r: Rand, year: number): LocalDate {
  for (;;) {
    const d = addCalendarDays(`${year}-01-01`, Math.floor(r() * 365));
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) return d;
    if (r() < 1 / 3) return d;
  }
}

export function buildLedgerData(opts: { vouchers: number; year: number; seed?: number }): LedgerBenchData {
  const r = mulberry32(opts.seed ?? 12);
  const { year } = opts;
  const { accounts, idOf } = buildChart(r);
  const setUpAt = at(`${year - 1}-12-20`, 10 * 60);
  const accountDocs: Stored[] = [...accounts]
    .sort((a, b) => (a.code.length - b.code.length) || (a.code < b.code ? -1 : 1))
    .map((x) => ({ ...x, createdAt: setUpAt, updatedAt: setUpAt, createdBy: PREPARER, updatedBy: PREPARER }));
  const ctx = voucherContext(accounts);
  const table = kinds(r);
  const totalWeight = table.reduce((s, [w]) => s + w, 0);
  const choose = (): ((day: LocalDate) => Draft) => {
    let x = r() * totalWeight;
    for (const [w, f] of table) if ((x -= w) < 0) return f;
    return table[table.length - 1]![1];
  };

  // Current state of every voucher, and the reversal links, for the posting checks.
  const state = new Map<string, Voucher>();
  const reversalsOf = new Map<string, string>();
  const rctx: ReversalContext = {
    voucher: (id) => state.get(id),
    reversalOf: (originalId, exceptId) => {
      const id = reversalsOf.get(originalId);
      return id !== undefined && id !== exceptId ? state.get(id) : undefined;
    },
    isReconciled: () => false,
  };
  const drafts: Stored[] = [];
  const createdOf = new Map<string, string>();
  const postedOf = new Map<string, string>();
  const posted: Stored[] = [];
  const links: Stored[] = [];
  const counts = new Map<string, number>();
  const count = (k: string): void => void counts.set(k, (counts.get(k) ?? 0) + 1);
  const fail = (what: string, e: unknown): never => {
    throw new Error(`${what}: ${JSON.stringify(e)}`);
  };

  /** Saved by the 制单人 at `createdAt`, reviewed and posted by the 审核人 at `postedAt`. */
  const enter = (draft: Voucher, createdAt: string, postedAt: string): Voucher => {
    drafts.push({ ...draft, createdAt, updatedAt: createdAt, createdBy: PREPARER, updatedBy: PREPARER });
    createdOf.set(draft.id, createdAt);
    const reviewed = reviewVoucher(draft, { name: REVIEWER }, postedAt, ctx);
    if (!reviewed.ok) return fail(`review ${draft.id}`, reviewed.error);
    state.set(draft.id, reviewed.value);
    const done = postVoucher(reviewed.value, { name: REVIEWER }, postedAt, ctx, rctx);
    if (!done.ok) return fail(`post ${draft.id}`, done.error);
    state.set(draft.id, done.value.voucher);
    posted.push({ ...done.value.voucher, createdAt, updatedAt: postedAt, createdBy: PREPARER, updatedBy: REVIEWER });
    if (done.value.original) {
      const o = done.value.original;
      state.set(o.id, o);
      links.push({ ...o, createdAt: createdOf.get(o.id) ?? postedAt, updatedAt: postedAt, createdBy: PREPARER, updatedBy: REVIEWER });
    }
    return done.value.voucher;
  };

  // Vouchers in the order they are written (by date); reversals follow a few days after their original.
  type Planned = { day: LocalDate; minutes: number; make: () => Voucher; kind: string };
  const plan: Planned[] = [];
  const planned = (): number => plan.length;
  let reversals = 0;
  const last = `${year}-12-31`;
  // Month-end depreciation.
  for (let m = 1; m <= 12; m++) {
    const day = addCalendarDays(`${m === 12 ? year + 1 : year}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
    const x = 77_500;
    const id = uuid(r);
    const lineIds = [uuid(r), uuid(r)];
    plan.push({
      day,
      minutes: 16 * 60,
      kind: '计提折旧',
      make: () => ({
        id,
        date: day,
        period: periodOf(day),
        summary: `计提${m}月固定资产折旧`,
        lines: [
          { id: lineIds[0]!, accountId: idOf('520104'), debitFen: x, creditFen: 0, summary: '固定资产折旧' },
          { id: lineIds[1]!, accountId: idOf('1502'), debitFen: 0, creditFen: x },
        ],
        attachmentCount: 1,
        status: 'draft',
        preparedBy: PREPARER,
      }),
    });
  }
  while (planned() < opts.vouchers) {
    const day = dayOf(r, year);
    const d = choose()(day);
    const id = uuid(r);
    const lines: VoucherLine[] = d.legs.map((l) => ({
      id: uuid(r),
      accountId: idOf(l.code),
      debitFen: l.debit ?? 0,
      creditFen: l.credit ?? 0,
      ...(l.summary ? { summary: l.summary } : {}),
      ...(l.projectId ? { projectId: l.projectId } : {}),
    }));
    const v: Voucher = {
      id,
      date: day,
      period: periodOf(day),
      summary: d.summary,
      lines,
      attachmentCount: d.attachments,
      ...(d.counterparty ? { counterparty: d.counterparty } : {}),
      status: 'draft',
      preparedBy: PREPARER,
    };
    const minutes = int(r, 9 * 60, 16 * 60);
    plan.push({ day, minutes, kind: d.kind, make: () => v });
    // 红冲 of a mistaken entry, a few days later (the corrected entry is one of the ordinary vouchers).
    if (d.reversible && r() < 0.016 && planned() < opts.vouchers) {
      let rday = addCalendarDays(day, int(r, 0, 12));
      if (rday > last) rday = last;
      const rid = uuid(r);
      const lineIds = lines.map(() => uuid(r));
      reversals++;
      plan.push({
        day: rday,
        minutes: rday === day ? minutes + int(r, 30, 200) : int(r, 9 * 60, 16 * 60), // after its original
        kind: '红字冲销',
        make: () => {
          const original = state.get(id);
          if (!original) return fail(`reversal of ${id}`, 'original not posted yet');
          const made = reverseVoucher(original, { id: rid, date: rday, lineIds, preparedBy: { name: PREPARER }, summary: `冲销：${original.summary}（金额录入有误）` }, ctx, rctx);
          return made.ok ? made.value : fail(`reverse ${id}`, made.error);
        },
      });
    }
  }
  plan.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.minutes - b.minutes));
  for (const p of plan) {
    const v = p.make();
    count(p.kind);
    if (v.reversalOf) reversalsOf.set(v.reversalOf, v.id);
    // Saved during the day; reviewed and posted by the 审核人 one to five hours later.
    const createdAt = at(p.day, p.minutes);
    let postedAt = at(p.day, p.minutes + int(r, 60, 300));
    // A reversal is posted after its original.
    const originalPosted = v.reversalOf ? postedOf.get(v.reversalOf) : undefined;
    if (originalPosted && postedAt <= originalPosted) postedAt = new Date(Date.parse(originalPosted) + 10 * 60_000).toISOString();
    postedOf.set(v.id, postedAt);
    enter(v, createdAt, postedAt);
  }
  posted.sort((a, b) => (String(a.postedAt) < String(b.postedAt) ? -1 : String(a.postedAt) > String(b.postedAt) ? 1 : 0));

  // 结账, month by month, over the final books, as the app's closeMonth does.
  const book: Book = { accounts, vouchers: [...state.values()] };
  const ledgerPeriods: LedgerPeriod[] = [];
  const periods: Stored[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    const closedAt = at(addCalendarDays(`${month}-01`, 35).slice(0, 8) + '03', 10 * 60);
    const closed = closePeriod(undefined, month, book, ledgerPeriods, { by: PREPARER, at: closedAt, unsyncedCount: 0 });
    if (!closed.ok) fail(`close ${month}`, closed.error);
    const p = (closed as { ok: true; value: LedgerPeriod }).value;
    ledgerPeriods.push(p);
    periods.push({ ...p, createdAt: closedAt, updatedAt: closedAt, createdBy: PREPARER, updatedBy: PREPARER });
  }
  const lineCount = book.vouchers.reduce((s, v) => s + v.lines.length, 0);
  return {
    year,
    accounts: accountDocs,
    drafts,
    posted,
    links,
    periods,
    book,
    ledgerPeriods,
    lineCount,
    reversals,
    kinds: counts,
    bankId: idOf('100201'),
    projects: PROJECTS,
  };
}
