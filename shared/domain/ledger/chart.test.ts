import { describe, expect, it } from 'vitest';
import {
  accountChangeProblem,
  accountProblem,
  addSubAccount,
  CHART_TEMPLATE,
  chartFromTemplate,
  deactivateAccount,
  openingBalanceProblem,
  templateAccountId,
} from './chart';
import type { Account } from './types';

const chart = chartFromTemplate();
const byCode = (code: string): Account => chart.find((x) => x.code === code) as Account;

describe('L-A1 the template', () => {
  it('L-A1 has the 民非 level-1 codes with types and normal sides', () => {
    const level1 = CHART_TEMPLATE.filter((e) => e.code.length === 4).map((e) => e.code);
    expect(level1).toEqual(['1001', '1002', '1122', '1141', '1501', '1502', '2202', '2203', '2209', '3101', '3102', '4101', '4401', '4701', '4901', '5101', '5201', '5401']);
    expect(byCode('1502')).toMatchObject({ type: 'asset', normalSide: 'credit' });
    expect(byCode('2209')).toMatchObject({ type: 'liability', normalSide: 'credit' });
    expect(byCode('440101')).toMatchObject({ name: '以奖代补', requiresProject: true, parentId: templateAccountId('4401') });
    expect(chart.filter((x) => x.parentId === templateAccountId('4701')).map((x) => x.code)).toEqual(['470101', '470102', '470103', '470104']);
  });
  it('L-A1 every template account keeps the shape rules', () => {
    for (const x of chart) expect(accountProblem(x, chart)).toBeNull();
  });
  it('L-A1 normal sides follow the type except the contra asset', () => {
    for (const x of chart) {
      const expected = x.type === 'asset' || x.type === 'expense' ? 'debit' : 'credit';
      if (x.code !== '1502') expect(x.normalSide).toBe(expected);
    }
  });
});

describe('L-A2 account shape', () => {
  it.each<[string, Partial<Account>, string]>([
    ['bad code', { code: '10' }, 'CODE_INVALID'],
    ['odd sub code', { code: '1001001' }, 'CODE_INVALID'],
    ['type by first digit', { type: 'liability' }, 'TYPE_CODE_MISMATCH'],
    ['duplicate code', { id: 'x', code: '1001' }, 'CODE_DUPLICATE'],
    ['empty name', { name: ' ' }, 'NAME_REQUIRED'],
  ])('L-A2 %s', (_n, change, code) => {
    expect(accountProblem({ ...byCode('1001'), ...change }, chart)?.code).toBe(code);
  });
  it('L-A2 a sub-account is parent code + 2 digits, same type', () => {
    expect(accountProblem({ ...byCode('470101'), code: '470201' }, chart)?.code).toBe('SUB_CODE_INVALID');
    expect(accountProblem({ ...byCode('470101'), code: '470199', type: 'expense' }, chart)?.code).toBe('TYPE_CODE_MISMATCH');
  });
});

describe('L-A3 addSubAccount', () => {
  it('L-A3 takes the next free code and inherits', () => {
    const r = addSubAccount(chart, templateAccountId('1002'), { id: 'b2', name: ' 建设银行 ' }, false);
    expect(r.ok && r.value).toMatchObject({ code: '100202', name: '建设银行', type: 'asset', normalSide: 'debit', cashKind: 'bank', parentId: templateAccountId('1002') });
  });
  it('L-A3 a first sub-account under a leaf with postings is refused', () => {
    const r = addSubAccount(chart, templateAccountId('1001'), { id: 'c2', name: '备用金' }, true);
    expect(!r.ok && r.error.code).toBe('PARENT_HAS_POSTINGS');
    expect(addSubAccount(chart, templateAccountId('1001'), { id: 'c2', name: '备用金' }, false).ok).toBe(true);
  });
  it('L-A3 names are unique among siblings; inactive parents refuse', () => {
    const r = addSubAccount(chart, templateAccountId('4701'), { id: 'x', name: '停车收益' }, false);
    expect(!r.ok && r.error.code).toBe('NAME_DUPLICATE');
    const off = chart.map((x) => (x.code === '4701' ? { ...x, active: false } : x));
    const r2 = addSubAccount(off, templateAccountId('4701'), { id: 'x', name: '充电桩' }, false);
    expect(!r2.ok && r2.error.code).toBe('PARENT_INACTIVE');
  });
  it('L-A3 the project requirement is inherited unless switched', () => {
    const r = addSubAccount(chart, templateAccountId('4401'), { id: 'g', name: '专项补助', requiresProject: true }, false);
    expect(r.ok && r.value.requiresProject).toBe(true);
  });
});

describe('L-A4 deactivateAccount', () => {
  it('L-A4 deactivates a parent and its sub-accounts', () => {
    const r = deactivateAccount(chart, templateAccountId('4701'));
    expect(r.ok && r.value.map((x) => x.code).sort()).toEqual(['4701', '470101', '470102', '470103', '470104']);
    expect(r.ok && r.value.every((x) => !x.active)).toBe(true);
  });
});

describe('L-A5 accountChangeProblem', () => {
  const cash = byCode('1001');
  it.each<[string, Partial<Account>, boolean, string | null]>([
    ['rename with postings', { name: '现金' }, true, null],
    ['deactivate with postings', { active: false }, true, null],
    ['recode with postings', { code: '1009' }, true, 'code'],
    ['retype with postings', { normalSide: 'credit' }, true, 'normalSide'],
    ['delete with postings', { _deleted: true }, true, '_deleted'],
    ['recode without postings', { code: '1009' }, false, null],
  ])('L-A5 %s', (_n, change, has, path) => {
    expect(accountChangeProblem(cash, { ...cash, ...change }, has)?.path ?? null).toBe(path);
  });
  it('L-A5 the opening balance is fixed once locked', () => {
    expect(accountChangeProblem(cash, { ...cash, openingBalanceFen: 5 }, false, true)?.code).toBe('OPENING_LOCKED');
  });
});

describe('L-A6 opening balances', () => {
  const set = (m: Record<string, number>): Account[] => chart.map((x) => (m[x.code] !== undefined ? { ...x, openingBalanceFen: m[x.code] } : x));
  it('L-A6 balanced on normal sides, incl. a contra asset', () => {
    expect(openingBalanceProblem(set({ '1001': 1000, '100201': 9000, '1501': 5000, '1502': 2000, '3101': 13000 }))).toBeNull();
  });
  it('L-A6 unbalanced names the difference', () => {
    expect(openingBalanceProblem(set({ '1001': 1000, '3101': 900 }))).toMatchObject({ code: 'OPENING_UNBALANCED', detail: { differenceFen: 100 } });
  });
  it('L-A6 not on a parent', () => {
    expect(openingBalanceProblem(set({ '1002': 1000, '3101': 1000 }))?.code).toBe('OPENING_ON_PARENT');
  });
});
