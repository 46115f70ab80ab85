// Words of 六方联动 tasks, printed on 公示 and 工作单 and shown on every screen: domain vocabulary, so it lives here.
import type { TaskAction, TaskPriority, TaskSourceKind, TaskStatus, TaskUpdateKind } from '../../schema';

export const TASK_STATUS_LABELS = {
  pending: '待分派',
  signed: '已签收',
  in_progress: '办理中',
  submitted: '待验收',
  done: '已办结',
  published: '已公示',
  suspended: '已挂起',
  cancelled: '已撤销',
} as const satisfies Record<TaskStatus, string>;

export const TASK_ACTION_LABELS = {
  sign: '签收',
  start: '开始办理',
  submit: '提交验收',
  accept: '验收通过',
  return: '退回',
  publish: '公示',
  suspend: '挂起',
  resume: '恢复',
  cancel: '撤销',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  reject_extension: '驳回延期',
} as const satisfies Record<TaskAction, string>;

export const TASK_SOURCE_LABELS = {
  meeting: '会议决议',
  governance_list: '治理清单',
  resident: '居民诉求',
  co_builder: '共建单位认领项目',
  superior: '上级交办',
  other: '其他',
} as const satisfies Record<TaskSourceKind, string>;

export const TASK_PRIORITY_LABELS = {
  low: '低',
  normal: '普通',
  high: '高',
  urgent: '紧急',
} as const satisfies Record<TaskPriority, string>;

export const TASK_UPDATE_KIND_LABELS = {
  comment: '备注',
  progress: '办理进展',
  status: '状态变更',
  urge: '催办',
  escalation: '上报支部书记',
} as const satisfies Record<TaskUpdateKind, string>;
