// Words on the printed 会议记录 / 纪要 / 决议公告 that shared/domain/minutes/labels.ts does not already have.
// Type names, outcomes, 出席/请假/列席 and 年月日 come from there; these are the print layout's own headings.
import type { StepKind } from '../../../../shared/domain/minutes';

/** How each arithmetic step of a vote is named: "出席 5/7 > 1/2；同意 4/5 > 1/2". */
export const STEP_LABELS = {
  quorum_members: '出席',
  pass_members: '同意',
  quorum_area: '参与表决面积',
  quorum_owners: '参与表决业主',
  pass_area: '同意面积',
  pass_owners: '同意业主',
} as const satisfies Record<StepKind, string>;

export const RECORD_WORDS = {
  record: '会议记录',
  summary: '纪要',
  name: '会议名称',
  type: '会议类型',
  time: '时间',
  location: '地点',
  host: '主持人',
  recorder: '记录人',
  attendance: '出席情况',
  presentNames: '出席人员',
  leaveNames: '请假人员',
  absentNames: '缺席人员',
  unknownNames: '未登记',
  observerNames: '列席人员',
  totals: '业主总数',
  participation: '参与表决',
  topic: '议题',
  notes: '讨论情况',
  speakers: '发言人',
  decision: '决议',
  vote: '表决情况',
  voteMethodRollCall: '记名表决',
  result: '表决结果',
  matter: '表决事项',
  actionItems: '落实事项',
  lead: '牵头',
  coParties: '配合',
  owner: '责任人',
  due: '完成时限',
  noDecision: '本议题未形成决议。',
  corrections: '更正/补充记录',
  correctionsNote: '以下为定稿后所作的更正、补充，原记录内容未作改动。',
  correctionTarget: '对象',
  correctionReason: '原因',
  correctionText: '内容',
  wholeRecord: '全文',
  status: '记录状态',
  draft: '草稿（未定稿）',
  final: '已定稿',
  finalisedBy: '定稿人',
  hostSign: '主持人签字：',
  recorderSign: '记录人签字：',
  attendeeSign: '参会人员签字：',
  none: '无',
  person: '人',
  watermark: '草稿',
} as const;

export const CORRECTION_KIND_LABELS = { correction: '更正', supplement: '补充' } as const;
