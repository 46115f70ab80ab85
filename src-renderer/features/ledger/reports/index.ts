// 财务台账 · 报表 (issue #12): the ReportsTab the ledger page mounts.
export { ReportsTab } from './ReportsTab';
