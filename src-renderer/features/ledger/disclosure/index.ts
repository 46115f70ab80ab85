// 财务台账 · 财务收支公示 (issue #12, SPEC L-D1–L-D5).
export { DisclosureTab } from './DisclosureTab';
