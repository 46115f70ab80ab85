// How the editor names a place in the record ("议题二 决议三", "出席情况 张三", a header field's label): for what 定稿
// still needs, for held (unsaved) fields, and for text kept from before a close.
import type { FinaliseField, Meeting } from '../../../shared/domain/minutes';
import { FINALISE_FIELD_LABELS } from '../../i18n/minutes-errors';
import type { HeldField } from './meeting-session';
import { cnNumeral } from './print';

/** "议题二 决议三" / "出席情况 张三" / the header field's name, for listing what stops 定稿. */
export function pathLabel(m: Meeting, path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'topics') {
    const i = m.topics.findIndex((t) => t.id === parts[1]);
    let label = i >= 0 ? `议题${cnNumeral(i + 1)}` : '议题';
    if (parts[2] === 'resolutions') {
      let n = 0;
      for (const t of m.topics)
        for (const r of t.resolutions ?? []) {
          n += 1;
          if (r.id === parts[3]) label += ` 决议${cnNumeral(n)}`;
        }
      if (parts[4] === 'actionItems') label += ' 落实事项';
    }
    return label;
  }
  if (parts[0] === 'attendees') return `出席情况 ${m.attendees.find((a) => a.id === parts[1])?.name ?? ''}`.trim();
  const field = parts[0] ?? '';
  return field in FINALISE_FIELD_LABELS ? FINALISE_FIELD_LABELS[field as FinaliseField] : '';
}

/** A held field by where it is and what its label says: "议题一 决议一 同意", "开始时间". */
export function heldFieldName(m: Meeting, h: HeldField): string {
  if (!h.key.includes('.')) return h.label || pathLabel(m, h.key);
  return `${pathLabel(m, h.key)} ${h.label}`.trim();
}
