// What a 更正 changed (R4), for print and screen: the corrected text with each change marked in place, in words as
// well as in type, so that it reads the same in black and white and as plain text — ［增加“…”］, ［删去“…”］,
// ［“…”改为“…”］ — with the removed text struck through (<del>) and the new text underlined (<ins>).
import type { DiffSegment } from '../../../../shared/domain/minutes';
import { assertNever } from '../../../../shared/result';
import { escapeHtml } from '../../../print';

/** Escaped, line breaks kept (inside a paragraph, so trailing white space is not trimmed). */
const esc = (s: string): string => escapeHtml(s.replace(/\r\n?/g, '\n'));

export type ChangePart =
  | { kind: 'same'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'replaced'; removed: string; added: string };

/** Removed-then-added stretches become one replacement. */
export function changeParts(segments: readonly DiffSegment[]): ChangePart[] {
  const out: ChangePart[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const s = segments[i];
    if (!s) continue;
    const next = segments[i + 1];
    if (s.kind === 'removed' && next?.kind === 'added') {
      out.push({ kind: 'replaced', removed: s.text, added: next.text });
      i += 1;
    } else out.push({ kind: s.kind, text: s.text });
  }
  return out;
}

/** The corrected text with its changes marked, as escaped HTML (line breaks kept). */
export function changesHtml(segments: readonly DiffSegment[]): string {
  return changeParts(segments)
    .map((p) => {
      switch (p.kind) {
        case 'same':
          return esc(p.text);
        case 'added':
          return `<span class="change">［增加“<ins>${esc(p.text)}</ins>”］</span>`;
        case 'removed':
          return `<span class="change">［删去“<del>${esc(p.text)}</del>”］</span>`;
        case 'replaced':
          return `<span class="change">［“<del>${esc(p.removed)}</del>”改为“<ins>${esc(p.added)}</ins>”］</span>`;
        default:
          return assertNever(p);
      }
    })
    .join('');
}
