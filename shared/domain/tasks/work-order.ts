// A single task's 工作单: its particulars and its follow-up log (oldest first), as a model the renderer prints.
// Pure: everything comes in.
import type { TaskStatus } from '../../schema';
import { chinaDateTimeOf, formatDateCn } from '../common/dates';
import { PARTY_LABELS } from '../roster/labels';
import { coPartyText } from './export';
import { TASK_ACTION_LABELS, TASK_PRIORITY_LABELS, TASK_SOURCE_LABELS, TASK_STATUS_LABELS, TASK_UPDATE_KIND_LABELS } from './labels';
import type { Task, TaskSource, TaskUpdate } from './types';

export type WorkOrderField = { readonly label: string; readonly value: string };

export type WorkOrderPhoto = { readonly name: string; readonly dataUrl: string };

export type WorkOrderLogEntry = {
  readonly id: string;
  /** 2026-11-25 16:30 (Beijing). */
  readonly when: string;
  readonly who: string;
  readonly party: string;
  /** 办理进展, 催办, 状态变更 … */
  readonly kind: string;
  /** For a status change: 签收：待分派 → 已签收. */
  readonly change: string;
  readonly text: string;
  readonly photos: readonly WorkOrderPhoto[];
};

export type WorkOrderModel = {
  readonly id: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly fields: readonly WorkOrderField[];
  readonly description: string;
  readonly result: string;
  readonly log: readonly WorkOrderLogEntry[];
};

const when = (iso: string | undefined): string => {
  const t = iso ? chinaDateTimeOf(iso) : null;
  return t ? `${t.date} ${t.time}` : '';
};
const dateCn = (d: string | undefined): string => (d ? (formatDateCn(d) ?? d) : '');

/** 治理清单：2026年度治理清单 第12项 — the source with what identifies it. */
export function sourceText(s: TaskSource | undefined): string {
  if (!s) return '';
  const label = TASK_SOURCE_LABELS[s.kind];
  const parts: string[] = [];
  switch (s.kind) {
    case 'governance_list':
      if (s.listName) parts.push(s.listName);
      if (s.listItemNo) parts.push(`第${s.listItemNo}项`);
      break;
    case 'resident':
      if (s.residentName) parts.push(s.residentName);
      if (s.residentBuilding) parts.push(s.residentBuilding);
      if (s.residentPhone) parts.push(s.residentPhone);
      break;
    case 'co_builder':
      if (s.projectName) parts.push(s.projectName);
      break;
    default:
      break;
  }
  if (s.note) parts.push(s.note);
  return parts.length > 0 ? `${label}：${parts.join(' ')}` : label;
}

/** Only the photo kinds the schema allows reach the page (the print CSP allows data: images and nothing else). */
const PHOTO_URL = /^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/;

/** Log order: when it happened, then when it was written, then id (two PCs print the same order). */
const compareUpdates = (a: TaskUpdate, b: TaskUpdate): number =>
  a.at.localeCompare(b.at) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function logEntry(u: TaskUpdate): WorkOrderLogEntry {
  const action = u.action && u.action in TASK_ACTION_LABELS ? TASK_ACTION_LABELS[u.action as keyof typeof TASK_ACTION_LABELS] : '';
  const move = u.fromStatus && u.toStatus ? `${TASK_STATUS_LABELS[u.fromStatus]} → ${TASK_STATUS_LABELS[u.toStatus]}` : '';
  const change = [action, move].filter(Boolean).join('：');
  return {
    id: u.id,
    when: when(u.at),
    who: u.authorName?.trim() || u.createdBy,
    party: u.party ? PARTY_LABELS[u.party] : '',
    kind: TASK_UPDATE_KIND_LABELS[u.kind],
    change,
    text: u.text,
    photos: (u.photos ?? []).filter((p) => PHOTO_URL.test(p.dataUrl)).map((p) => ({ name: p.name ?? '', dataUrl: p.dataUrl })),
  };
}

/** The 工作单 of one task; `updates` may hold other tasks' entries (they are left out) and come in any order. */
export function workOrderModel(task: Task, updates: readonly TaskUpdate[]): WorkOrderModel {
  const co = (task.coParties ?? []).map(coPartyText);
  const fields: WorkOrderField[] = [
    { label: '编号', value: task.id },
    { label: '来源', value: sourceText(task.source) },
    { label: '牵头方', value: PARTY_LABELS[task.leadParty] },
    { label: '牵头单位', value: task.leadOrganizationName ?? '' },
    { label: '责任人', value: task.ownerName ?? '' },
    { label: '配合方', value: co.join('、') },
    { label: '优先级', value: TASK_PRIORITY_LABELS[task.priority] },
    { label: '状态', value: TASK_STATUS_LABELS[task.status] },
    { label: '截止日期', value: dateCn(task.dueDate) },
    { label: '位置', value: task.location ?? '' },
    { label: '类别', value: task.category ?? '' },
    { label: '标签', value: (task.tags ?? []).join('、') },
    { label: '登记时间', value: when(task.createdAt) },
    { label: '登记人', value: task.createdBy },
    { label: '办结时间', value: when(task.closedAt) },
    { label: '验收人', value: task.acceptedBy ?? '' },
    { label: '群众满意度', value: task.satisfaction ? `${task.satisfaction} 分（满分 5 分）` : '' },
  ];
  if (task.extension) fields.push({ label: '延期申请', value: `申请延至${dateCn(task.extension.dueDate)}（${task.extension.reason}）` });
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    // Empty particulars are left out except the ones a 工作单 always shows.
    fields: fields.filter((f) => f.value !== '' || ['责任人', '截止日期', '配合方'].includes(f.label)),
    description: task.description ?? '',
    result: task.result ?? '',
    log: updates.filter((u) => u.taskId === task.id).slice().sort(compareUpdates).map(logEntry),
  };
}
