import type { ComponentType } from 'react';

/**
 * Every section the app will have, in nav order. A section shows in the nav only once its feature registers a
 * `Section` in sections.ts — unbuilt features are not shown, not even as placeholders.
 */
export const SECTION_ORDER = [
  'dashboard', // 工作台
  'meetings', // 会议记录
  'tasks', // 六方联动
  'ledger', // 财务台账
  'notices', // 公告打印
  'roster', // 组织人员
  'conflicts', // 冲突 (sync conflict copies; registered by features/sync)
  'settings', // 设置
] as const;
export type SectionId = (typeof SECTION_ORDER)[number];

export type Section = {
  id: SectionId;
  /** The nav label (Chinese). */
  label: string;
  Page: ComponentType;
};

export const isSectionId = (s: string): s is SectionId => (SECTION_ORDER as readonly string[]).includes(s);
