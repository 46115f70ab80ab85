// 财务台账 · 银行对账 (issue #12, SPEC L-B1–L-B5).
export { ReconciliationTab } from './ReconciliationTab';
