// What a 更正 changed, on screen (R4): the corrected text with each change marked in place, as on the printed record.
import type { DiffSegment } from '../../../shared/domain/minutes';
import { assertNever } from '../../../shared/result';
import { changeParts } from './print';

/** The corrected text with what changed marked in place (R4): struck-through removals, underlined additions. */
export function ChangesView({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <p className="pre correction-changes" data-testid="correction-changes">
      {changeParts(segments).map((p, i) => {
        switch (p.kind) {
          case 'same':
            return <span key={i}>{p.text}</span>;
          case 'added':
            return (
              <span key={i} className="change">
                ［增加“<ins>{p.text}</ins>”］
              </span>
            );
          case 'removed':
            return (
              <span key={i} className="change">
                ［删去“<del>{p.text}</del>”］
              </span>
            );
          case 'replaced':
            return (
              <span key={i} className="change">
                ［“<del>{p.removed}</del>”改为“<ins>{p.added}</ins>”］
              </span>
            );
          default:
            return assertNever(p);
        }
      })}
    </p>
  );
}
