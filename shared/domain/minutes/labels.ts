// Domain vocabulary printed on minutes (会议记录/纪要): meeting type names, agenda templates, the items of
// 民法典 art. 278, outcome and attendance words, date/time units. UI sentences and error messages live in
// src-renderer/i18n; only words that appear on the printed document live here.
import type { MeetingType } from '../../schema';
import type { Art278Matter, AttendeeStatus } from './types';
import type { Outcome } from './vote-outcome';

export const MEETING_TYPE_LABELS = {
  council: '共建理事会会议',
  owners_assembly: '业主大会',
  owners_rep: '业主代表会议',
  owners_committee: '业委会会议',
  branch_assembly: '支部党员大会',
  branch_committee: '支委会',
  six_party: '六方联动协调会',
  other: '其他会议',
} as const satisfies Record<MeetingType, string>;

/** 民法典 art. 278, first paragraph. */
export const ART278_LABELS = {
  general: '一般事项',
  art278_1: '制定和修改业主大会议事规则',
  art278_2: '制定和修改管理规约',
  art278_3: '选举业主委员会或者更换业主委员会成员',
  art278_4: '选聘和解聘物业服务企业或者其他管理人',
  art278_5: '使用建筑物及其附属设施的维修资金',
  art278_6: '筹集建筑物及其附属设施的维修资金',
  art278_7: '改建、重建建筑物及其附属设施',
  art278_8: '改变共有部分的用途或者利用共有部分从事经营活动',
  art278_9: '有关共有和共同管理权利的其他重大事项',
} as const satisfies Record<Art278Matter, string>;

/** How a decision is recorded in the 纪要. */
export const OUTCOME_LABELS = {
  passed: '通过',
  failed: '未通过',
  not_quorate: '未达到法定人数',
  no_vote: '未表决',
  invalid: '表决数据有误',
} as const satisfies Record<Outcome, string>;

export const ATTENDANCE_LABELS = {
  present: '出席',
  leave: '请假',
  absent: '缺席',
  unknown: '未登记',
  observer: '列席',
  expected: '应到',
  actual: '实到',
} as const satisfies Record<AttendeeStatus | 'observer' | 'expected' | 'actual', string>;

export const VOTE_CHOICE_LABELS = { yes: '同意', no: '反对', abstain: '弃权' } as const;

/** Prefilled 议题 per meeting type; the secretary edits them. */
export const AGENDA_TEMPLATES = {
  council: ['上次会议议定事项落实情况', '小区近期治理重点问题', '共建项目认领与推进', '其他事项'],
  owners_assembly: ['业主委员会工作报告', '审议表决事项', '公布表决结果'],
  owners_rep: ['通报小区近期工作', '听取业主意见和建议', '讨论议定事项'],
  owners_committee: ['上次会议议定事项落实情况', '物业服务情况通报', '维修资金使用事项', '其他事项'],
  branch_assembly: ['学习传达上级精神', '通报支部工作', '讨论议定事项'],
  branch_committee: ['学习传达上级精神', '研究支部近期工作', '前置研究小区重要事项', '其他事项'],
  six_party: ['上次协调事项办理情况', '各方通报问题清单', '研究协调解决方案', '明确牵头方、责任人和办理时限'],
  other: [],
} as const satisfies Record<MeetingType, readonly string[]>;

/** Units for dates and times on documents: 2026年11月25日, 19时30分至21时05分. */
export const CN_UNITS = { year: '年', month: '月', day: '日', hour: '时', minute: '分', to: '至' } as const;

/** Default title: compound name, type, date, e.g. 金山花园业委会会议（2026年11月25日）. */
export const TITLE_PATTERN = '{compound}{label}（{date}）';
