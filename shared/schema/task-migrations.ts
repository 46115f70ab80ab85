// Version 1 → 2 of tasks and task_updates (issue #11): the old statuses map onto the new flow, co-parties gain
// details, sources take their new names. Pure; run by RxDB on each stored document when the app opens.
type Data = Record<string, unknown>;

/** 已派发 waits for signing; 退回 and 已上报 are being worked on (escalation is now a log entry, not a status). */
const STATUS_V1_TO_V2: Readonly<Record<string, string>> = {
  assigned: 'pending',
  in_progress: 'in_progress',
  submitted: 'submitted',
  returned: 'in_progress',
  done: 'done',
  escalated: 'in_progress',
  cancelled: 'cancelled',
};

export const taskStatusFromV1 = (s: unknown): string => (typeof s === 'string' ? (STATUS_V1_TO_V2[s] ?? 'pending') : 'pending');

export function migrateTaskV1ToV2(doc: Data): Data {
  const out: Data = { ...doc, status: taskStatusFromV1(doc.status) };
  if (Array.isArray(doc.coParties)) out.coParties = doc.coParties.filter((p) => typeof p === 'string' && p !== doc.leadParty).map((party) => ({ party }));
  const source = doc.source as Data | undefined;
  if (source && typeof source === 'object') {
    const { reporterName, reporterPhone, kind, ...rest } = source;
    const next: Data = { ...rest, kind: kind === 'inspection' ? 'other' : (kind ?? 'other') };
    if (reporterName !== undefined) next.residentName = reporterName;
    if (reporterPhone !== undefined) next.residentPhone = reporterPhone;
    out.source = next;
  }
  return out;
}

export function migrateTaskUpdateV1ToV2(doc: Data): Data {
  const out: Data = { ...doc };
  if (doc.fromStatus !== undefined) out.fromStatus = taskStatusFromV1(doc.fromStatus);
  if (doc.toStatus !== undefined) out.toStatus = taskStatusFromV1(doc.toStatus);
  return out;
}
