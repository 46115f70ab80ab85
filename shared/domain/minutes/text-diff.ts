// R4: what a 更正 changed in a text, character by character (Chinese has no spaces to split words on). Myers' O(ND)
// diff after trimming the common prefix and suffix, so a small correction of a long note stays cheap; a text changed
// beyond MAX_EDITS characters is shown as replaced as a whole rather than diffed slowly.

export type DiffKind = 'same' | 'removed' | 'added';
export type DiffSegment = { kind: DiffKind; text: string };

/** Past this many inserted plus deleted characters the middle is reported as one replacement. */
export const MAX_EDITS = 1000;

/** How far (in characters) a change may be slid to start and end at a better boundary. */
const MAX_SLIDE = 200;

type Op = { kind: DiffKind; ch: string };

/** Characters of numbers and Latin words, which a change takes whole. */
const TOKEN = /^[0-9A-Za-z.,%]$/;

/** Myers' shortest edit script between two arrays of characters; null when it needs more than `cap` edits. */
function myers(a: readonly string[], b: readonly string[], cap: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, cap);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[off + k - 1] ?? 0) < (v[off + k + 1] ?? 0)) ? (v[off + k + 1] ?? 0) : (v[off + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d, off);
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[], depth: number, off: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d -= 1) {
    const v = trace[d];
    if (!v) break;
    const k = x - y;
    const down = k === -d || (k !== d && (v[off + k - 1] ?? 0) < (v[off + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[off + prevK] ?? 0;
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    while (x > midX) {
      x -= 1;
      y -= 1;
      ops.push({ kind: 'same', ch: a[x] ?? '' });
    }
    if (down) ops.push({ kind: 'added', ch: b[prevY] ?? '' });
    else ops.push({ kind: 'removed', ch: a[prevX] ?? '' });
    x = prevX;
    y = prevY;
  }
  while (x > 0) {
    x -= 1;
    ops.push({ kind: 'same', ch: a[x] ?? '' });
  }
  return ops.reverse();
}

function segments(ops: readonly Op[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.kind === op.kind) last.text += op.ch;
    else out.push({ kind: op.kind, text: op.ch });
  }
  return out;
}

/**
 * One change between two unchanged stretches, as removed-then-added. A single unchanged character between two changes
 * is folded into both ("东门道路" → "北门台阶" reads as one replacement, not four), and a change inside a number or a
 * Latin word takes all of it.
 */
function tidy(list: readonly DiffSegment[]): DiffSegment[] {
  const groups: { same: string | null; removed: string; added: string }[] = [];
  for (const s of list) {
    const g = groups[groups.length - 1];
    if (s.kind === 'same') groups.push({ same: s.text, removed: '', added: '' });
    else if (g && g.same === null) g[s.kind] += s.text;
    else groups.push({ same: null, removed: s.kind === 'removed' ? s.text : '', added: s.kind === 'added' ? s.text : '' });
  }
  // Fold short unchanged stretches that sit between two changes.
  for (let i = 1; i < groups.length - 1; i += 1) {
    const g = groups[i];
    const before = groups[i - 1];
    const after = groups[i + 1];
    if (!g || !before || !after || g.same === null || before.same !== null || after.same !== null) continue;
    if (g.same.length > 2 || Array.from(g.same).length > 1) continue;
    before.removed += g.same + after.removed;
    before.added += g.same + after.added;
    groups.splice(i, 2);
    i -= 1;
  }
  // A change inside a number or a Latin word takes the whole of it: "3.5" → "3.8", not "3." + "5" → "8".
  for (let i = 0; i < groups.length; i += 1) {
    const g = groups[i];
    if (!g || g.same !== null) continue;
    const before = groups[i - 1];
    const after = groups[i + 1];
    const touches = (s: string): boolean => s === '' || TOKEN.test(s);
    if (before?.same && TOKEN.test(before.same.slice(-1)) && (touches(g.removed.slice(0, 1)) || touches(g.added.slice(0, 1)))) {
      const head = /[0-9A-Za-z.,%]+$/.exec(before.same)?.[0] ?? '';
      before.same = before.same.slice(0, before.same.length - head.length);
      g.removed = head + g.removed;
      g.added = head + g.added;
    }
    if (after?.same && TOKEN.test(after.same.slice(0, 1)) && (touches(g.removed.slice(-1)) || touches(g.added.slice(-1)))) {
      const tail = /^[0-9A-Za-z.,%]+/.exec(after.same)?.[0] ?? '';
      after.same = after.same.slice(tail.length);
      g.removed += tail;
      g.added += tail;
    }
  }
  const out: DiffSegment[] = [];
  for (const g of groups) {
    if (g.same === '') continue;
    if (g.same !== null) out.push({ kind: 'same', text: g.same });
    else {
      if (g.removed !== '') out.push({ kind: 'removed', text: g.removed });
      if (g.added !== '') out.push({ kind: 'added', text: g.added });
    }
  }
  return out;
}

/** How good a place a boundary between `left` and `right` is for a change to start or end: after a line or sentence. */
function boundaryScore(left: string | undefined, right: string | undefined): number {
  if (left === undefined || right === undefined) return 3; // the start or end of the text
  if (left === '\n' || right === '\n') return 3;
  if ('。！？；!?;'.includes(left)) return 2;
  if ('，、：,:）)”'.includes(left) || '（(“'.includes(right)) return 1;
  return 0;
}

/**
 * A pure insertion or deletion that could sit in several places (“反映。⟨\n王晓梅…列支。⟩” or “反映⟨。\n王晓梅…列支⟩。”)
 * is slid to where it starts and ends at the best boundaries: whole lines and sentences read better.
 */
/** A UTF-16 index at or just before `at` (clamped) that does not split a surrogate pair. */
function cutBefore(text: string, at: number): number {
  const i = Math.max(0, Math.min(text.length, at));
  const code = text.charCodeAt(i);
  return i > 0 && i < text.length && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
}

function slide(list: DiffSegment[]): DiffSegment[] {
  for (let i = 0; i < list.length; i += 1) {
    const g = list[i];
    if (!g || g.kind === 'same') continue;
    const prev = list[i - 1];
    const next = list[i + 1];
    if ((prev && prev.kind !== 'same') || (next && next.kind !== 'same')) continue; // part of a replacement
    // The text around the change, and where the change is: it may move wherever the text reads the same. Only
    // MAX_SLIDE characters either side can matter, so long notes are not copied whole.
    const prevText = prev?.text ?? '';
    const nextText = next?.text ?? '';
    const keepPrev = cutBefore(prevText, prevText.length - 2 * MAX_SLIDE);
    const keepNext = cutBefore(nextText, 2 * MAX_SLIDE);
    const a = Array.from(prevText.slice(keepPrev));
    const x = Array.from(g.text);
    const full = [...a, ...x, ...Array.from(nextText.slice(0, keepNext))];
    const len = x.length;
    let start = a.length;
    for (let n = 0; n < MAX_SLIDE && start > 0 && full[start - 1] === full[start + len - 1]; n += 1) start -= 1;
    let best = { score: -1, start };
    for (let n = 0; n < 2 * MAX_SLIDE; n += 1) {
      const score = boundaryScore(full[start - 1], full[start]) + boundaryScore(full[start + len - 1], full[start + len]);
      if (score > best.score) best = { score, start };
      if (start + len >= full.length || full[start] !== full[start + len]) break;
      start += 1;
    }
    if (best.start === a.length) continue;
    if (prev) prev.text = prevText.slice(0, keepPrev) + full.slice(0, best.start).join('');
    g.text = full.slice(best.start, best.start + len).join('');
    if (next) next.text = full.slice(best.start + len).join('') + nextText.slice(keepNext);
  }
  return list.filter((seg) => seg.text !== '');
}

/** R4: `before` → `after` as unchanged, removed and added stretches, in reading order (removed before added). */
export function diffText(before: string, after: string, maxEdits = MAX_EDITS): DiffSegment[] {
  // Common prefix and suffix in UTF-16 units (cheap on long notes), never splitting a surrogate pair.
  let p = 0;
  const shorter = Math.min(before.length, after.length);
  while (p < shorter && before.charCodeAt(p) === after.charCodeAt(p)) p += 1;
  p = cutBefore(before, p);
  let s = 0;
  while (s < shorter - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s += 1;
  if (s > 0 && cutBefore(before, before.length - s) !== before.length - s) s -= 1;
  const midA = Array.from(before.slice(p, before.length - s));
  const midB = Array.from(after.slice(p, after.length - s));
  const middle = myers(midA, midB, maxEdits);
  const list: DiffSegment[] = [];
  if (p > 0) list.push({ kind: 'same', text: before.slice(0, p) });
  if (middle) {
    for (const seg of segments(middle)) {
      const last = list[list.length - 1];
      if (last && last.kind === seg.kind) last.text += seg.text;
      else list.push(seg);
    }
  } else {
    if (midA.length > 0) list.push({ kind: 'removed', text: midA.join('') });
    if (midB.length > 0) list.push({ kind: 'added', text: midB.join('') });
  }
  if (s > 0) {
    const tail = before.slice(before.length - s);
    const last = list[list.length - 1];
    if (last && last.kind === 'same') last.text += tail;
    else list.push({ kind: 'same', text: tail });
  }
  return slide(tidy(list));
}

/** Whether the diff changes anything. */
export const isUnchanged = (d: readonly DiffSegment[]): boolean => d.every((s) => s.kind === 'same');
