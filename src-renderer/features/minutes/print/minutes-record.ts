// The 会议记录: the full record of one meeting — header, every 议题 with its discussion, every 决议 with the vote and
// the arithmetic behind its outcome, 更正/补充 entries kept apart from the original, and the signature block.
import { PARTY_LABELS } from '../../../../shared/domain/roster';
import {
  MEETING_TYPE_LABELS,
  VOTE_CHOICE_LABELS,
  assemblyTotals,
  attendanceSummary,
  correctionChanges,
  formatDateCn,
  participationOf,
  tallyOf,
  voteOutcome,
  type ActionItem,
  type AttendeeLine,
  type Correction,
  type Meeting,
  type Resolution,
  type Settings,
  type Topic,
  type VoteOutcome,
} from '../../../../shared/domain/minutes';
import {
  escapeHtml,
  escapeMultiline,
  headerRow,
  headerRowHtml,
  headerRowPair,
  headerTable,
  printDocument,
  signatureGrid,
  signLine,
  watermark,
} from '../../../print';
import {
  arithmeticLine,
  attendanceCountsText,
  cnNumeral,
  formatTimestampCn,
  matterText,
  meetingTimeLine,
  namesText,
  outcomeLabel,
  participationText,
  personText,
  tallyText,
  totalsText,
} from './format';
import { changesHtml } from './changes';
import { outcomesOf, type MinutesPrintInput } from './print-input';
import { CORRECTION_KIND_LABELS, RECORD_WORDS as W } from './print-labels';

const SIGN_COLUMNS = 3;
/** Blank signature cells when nobody is marked present yet (a draft printed as the sign-in sheet). */
const BLANK_SIGN_CELLS = 6;

const trim = (s: string | undefined): string => s?.trim() ?? '';
const labelled = (label: string, valueHtml: string, cls = ''): string =>
  `<p${cls ? ` class="${cls}"` : ''}><span class="label">${escapeHtml(label)}：</span>${valueHtml}</p>`;

/** The 决议 numbers of the whole record, in agenda order: the 纪要 numbers its decisions the same way. */
function decisionNumbers(meeting: Meeting): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of meeting.topics) for (const r of t.resolutions ?? []) out.set(r.id, out.size + 1);
  return out;
}

function recordHeader(meeting: Meeting, input: MinutesPrintInput): string {
  const att = attendanceSummary(meeting);
  const host = trim(meeting.hostName);
  const hostPost = trim(meeting.hostPost);
  const row4 = headerRowPair;
  const row2 = headerRow;
  // Two label/value pairs share a row only where both values are short; the rest span the table.
  const rows = [
    row2(W.name, meeting.title),
    row4(W.type, MEETING_TYPE_LABELS[meeting.type], W.recorder, trim(meeting.recorderName)),
    row2(W.time, meetingTimeLine(meeting)),
    row2(W.location, trim(meeting.location)),
    row2(W.host, host && hostPost ? `${host}（${hostPost}）` : host),
  ];
  if (meeting.type === 'owners_assembly') {
    // A 业主大会 is counted by the owners and area taking part, against the compound's totals (S6), not 应到/实到.
    const totals = assemblyTotals(meeting, input.settings);
    rows.push(row2(W.totals, totalsText(totals)));
    // Owners, then area, each on its own line of the cell: the sentence is too long for one.
    const participation = participationText(participationOf(meeting), totals)
      .split('；')
      .map((part) => escapeHtml(part))
      .join('；<br>');
    rows.push(headerRowHtml(W.participationRow, participation));
    // Owners listed for a roll call, and guests, by name; empty lists are left out.
    if (att.present > 0) rows.push(row2(W.presentNames, namesText(att.lists.present, 'post')));
    if (att.leave > 0) rows.push(row2(W.leaveNames, namesText(att.lists.leave, 'reason')));
    if (att.absent > 0) rows.push(row2(W.absentNames, namesText(att.lists.absent, 'reason')));
    if (att.unknown > 0) rows.push(row2(W.unknownNames, namesText(att.lists.unknown, 'post')));
    if (att.observers > 0) rows.push(row2(W.observerNames, namesText(att.lists.observers, 'post')));
  } else {
    rows.push(
      row2(W.attendance, attendanceCountsText(att)),
      row2(W.presentNames, namesText(att.lists.present, 'post')),
      row2(W.leaveNames, namesText(att.lists.leave, 'reason')),
      row2(W.absentNames, namesText(att.lists.absent, 'reason')),
    );
    if (att.unknown > 0) rows.push(row2(W.unknownNames, namesText(att.lists.unknown, 'post')));
    rows.push(row2(W.observerNames, namesText(att.lists.observers, 'post')));
  }
  return headerTable(rows);
}

function rollCallLine(meeting: Meeting, r: Resolution): string {
  const byId = new Map(meeting.attendees.map((a) => [a.id, a.name.trim()] as const));
  const names = { yes: [] as string[], no: [] as string[], abstain: [] as string[] };
  for (const e of r.vote.rollCall ?? []) names[e.choice].push(byId.get(e.attendeeId) ?? e.attendeeId);
  const part = (c: 'yes' | 'no' | 'abstain'): string => `${VOTE_CHOICE_LABELS[c]}：${names[c].length ? names[c].join('、') : W.none}`;
  return `<p class="arith">${escapeHtml(`${part('yes')}；${part('no')}；${part('abstain')}`)}</p>`;
}

function actionItemText(item: ActionItem): string {
  const parts: string[] = [];
  if (item.leadParty) parts.push(`${W.lead}：${PARTY_LABELS[item.leadParty]}`);
  if (item.coParties && item.coParties.length > 0) parts.push(`${W.coParties}：${item.coParties.map((p) => PARTY_LABELS[p]).join('、')}`);
  if (trim(item.ownerName)) parts.push(`${W.owner}：${trim(item.ownerName)}`);
  if (item.dueDate) parts.push(`${W.due}：${formatDateCn(item.dueDate) ?? item.dueDate}`);
  return parts.length ? `${item.title}（${parts.join('；')}）` : item.title;
}

function decisionBlock(meeting: Meeting, settings: Settings, r: Resolution, n: number, outcome: VoteOutcome | undefined): string {
  const out: string[] = [`<div class="decision-head">${escapeHtml(`${W.decision}${cnNumeral(n)}`)}</div>`];
  out.push(`<div class="pre">${escapeMultiline(r.text)}</div>`);
  if (meeting.type === 'owners_assembly') {
    out.push(labelled(W.matter, escapeHtml(matterText(r.matter ?? 'general'))));
    // V16: an item decided on its own participation says so.
    if (r.participatingOwners !== undefined || r.participatingAreaDm2 !== undefined)
      out.push(labelled(W.itemParticipation, escapeHtml(participationText(participationOf(meeting, r), assemblyTotals(meeting, settings)))));
  }
  if (r.vote.method !== 'none') {
    const method = r.vote.method === 'roll_call' ? `${W.voteMethodRollCall}，` : '';
    out.push(labelled(W.vote, escapeHtml(`${method}${tallyText(tallyOf(meeting, r.vote))}`)));
    if (r.vote.method === 'roll_call') out.push(rollCallLine(meeting, r));
  }
  if (outcome) {
    out.push(labelled(W.result, `<strong>${escapeHtml(outcomeLabel(outcome))}</strong>`, 'outcome'));
    const arith = arithmeticLine(outcome);
    if (arith) out.push(`<p class="arith">${escapeHtml(arith)}</p>`);
  }
  const items = r.actionItems ?? [];
  if (items.length > 0) {
    out.push(labelled(W.actionItems, ''));
    out.push(`<ol>${items.map((i) => `<li>${escapeHtml(actionItemText(i))}</li>`).join('')}</ol>`);
  }
  return `<div class="decision">${out.join('')}</div>`;
}

function topicSection(
  meeting: Meeting,
  settings: Settings,
  t: Topic,
  index: number,
  numbers: Map<string, number>,
  outcomes: Readonly<Record<string, VoteOutcome>>,
): string {
  const out: string[] = [`<h2>${escapeHtml(`${W.topic}${cnNumeral(index + 1)}：${t.title}`)}</h2>`];
  const speakers = (t.speakers ?? []).map((s) => s.trim()).filter(Boolean);
  if (speakers.length > 0) out.push(labelled(W.speakers, escapeHtml(speakers.join('、'))));
  if (t.notes.trim() !== '') {
    out.push(labelled(W.notes, ''));
    out.push(`<div class="notes pre">${escapeMultiline(t.notes)}</div>`);
  }
  const rs = t.resolutions ?? [];
  if (rs.length === 0) out.push(`<p class="muted">${escapeHtml(W.noDecision)}</p>`);
  for (const r of rs) out.push(decisionBlock(meeting, settings, r, numbers.get(r.id) ?? 0, outcomes[r.id]));
  return `<section class="topic">${out.join('')}</section>`;
}

/** What a 更正/补充 entry is about, named as the printed record names it. */
function targetText(meeting: Meeting, targetId: string | undefined, numbers: Map<string, number>): string {
  const id = trim(targetId);
  if (id === '') return W.wholeRecord;
  const topicIndex = meeting.topics.findIndex((t) => t.id === id);
  const topic = meeting.topics[topicIndex];
  if (topic) return `${W.topic}${cnNumeral(topicIndex + 1)}“${topic.title}”`;
  const n = numbers.get(id);
  if (n !== undefined) return `${W.decision}${cnNumeral(n)}`;
  for (const t of meeting.topics)
    for (const r of t.resolutions ?? []) {
      const item = (r.actionItems ?? []).find((i) => i.id === id);
      if (item) return `${W.decision}${cnNumeral(numbers.get(r.id) ?? 0)}${W.actionItems}“${item.title}”`;
    }
  const attendee = meeting.attendees.find((a) => a.id === id);
  if (attendee) return attendee.name;
  const corrIndex = (meeting.corrections ?? []).findIndex((c) => c.id === id);
  const corr = (meeting.corrections ?? [])[corrIndex];
  if (corr) return `${CORRECTION_KIND_LABELS[corr.kind]}${cnNumeral(corrIndex + 1)}`;
  return id;
}

/**
 * A 更正 of a decision that carries the corrected vote (M17): the counts and the outcome they give, with its
 * arithmetic.
 */
function correctedVoteLines(meeting: Meeting, settings: Settings, c: Correction): string {
  if (!c.vote || !c.targetId) return '';
  const r = meeting.topics.flatMap((t) => t.resolutions ?? []).find((x) => x.id === c.targetId);
  if (!r) return '';
  const corrected = { ...r, vote: c.vote };
  const o = voteOutcome(meeting, corrected, settings);
  const arith = arithmeticLine(o);
  return [
    labelled(W.correctedVote, escapeHtml(tallyText(o.tally ?? tallyOf(meeting, c.vote)))),
    labelled(W.result, `<strong>${escapeHtml(outcomeLabel(o))}</strong>`, 'outcome'),
    arith ? `<p class="arith">${escapeHtml(arith)}</p>` : '',
  ].join('');
}

/** The entry's text: a 更正 with what it changed marked in place (R4); a 补充 or a whole-record entry as written. */
function correctionTextHtml(meeting: Meeting, c: Correction): string {
  const changes = correctionChanges(meeting, c);
  if (changes === null) return [labelled(W.correctionText, ''), `<div class="pre">${escapeMultiline(c.text)}</div>`].join('');
  return [labelled(W.changes, ''), `<div class="pre correction-changes">${changesHtml(changes)}</div>`].join('');
}

function correctionsSection(meeting: Meeting, settings: Settings, corrections: readonly Correction[], numbers: Map<string, number>): string {
  if (corrections.length === 0) return '';
  const entries = corrections.map((c, i) => {
    const head = [`${CORRECTION_KIND_LABELS[c.kind]}${cnNumeral(i + 1)}`, formatTimestampCn(c.at) ?? c.at, c.by].join('　');
    return [
      '<div class="correction">',
      `<div class="decision-head">${escapeHtml(head)}</div>`,
      labelled(W.correctionTarget, escapeHtml(targetText(meeting, c.targetId, numbers))),
      labelled(W.correctionReason, escapeHtml(c.reason)),
      correctionTextHtml(meeting, c),
      correctedVoteLines(meeting, settings, c),
      '</div>',
    ].join('');
  });
  return [
    '<section class="corrections">',
    `<h2>${escapeHtml(W.corrections)}</h2>`,
    `<p class="note muted">${escapeHtml(W.correctionsNote)}</p>`,
    ...entries,
    '</section>',
  ].join('');
}

function statusLine(meeting: Meeting): string {
  if (meeting.status !== 'final') return `<p class="status">${escapeHtml(`${W.status}：${W.draft}`)}</p>`;
  const who = trim(meeting.finalisedBy);
  const when = meeting.finalisedAt ? (formatTimestampCn(meeting.finalisedAt) ?? meeting.finalisedAt) : '';
  const detail = [who ? `${W.finalisedBy}：${who}` : '', when].filter(Boolean).join('，');
  return `<p class="status">${escapeHtml(`${W.status}：${W.final}${detail ? `（${detail}）` : ''}`)}</p>`;
}

/**
 * The status line and the signatures, kept on one page: a signature page never stands alone without the line
 * that says what was signed.
 */
function signatureBlock(meeting: Meeting, signers: readonly AttendeeLine[]): string {
  return [
    '<section class="signatures">',
    statusLine(meeting),
    '<div class="sign-row">',
    signLine(W.hostSign),
    signLine(W.recorderSign),
    '</div>',
    `<p class="label">${escapeHtml(W.attendeeSign)}</p>`,
    signatureGrid(
      signers.map((s) => personText(s, 'post')),
      { columns: SIGN_COLUMNS, blankCells: BLANK_SIGN_CELLS },
    ),
    '</section>',
  ].join('');
}

/** The document title: 金山花园会议记录 (the compound's name, then 会议记录). */
export const minutesRecordTitle = (input: Pick<MinutesPrintInput, 'settings'>): string => `${trim(input.settings.compoundName)}${W.record}`;

/**
 * The 会议记录 as one complete HTML document for print:html / print:toPdf. Every user text is escaped; notes and
 * decision text keep their line breaks. 更正/补充 entries follow the original under their own heading — the
 * original text is printed as it was finalised. Present members and 列席 guests each get a signature cell.
 */
export function minutesRecordHtml(input: MinutesPrintInput): string {
  const { meeting, settings } = input;
  const outcomes = outcomesOf(input);
  const numbers = decisionNumbers(meeting);
  const att = attendanceSummary(meeting);
  const title = minutesRecordTitle(input);
  const orgLine = [trim(settings.street), trim(settings.community)].filter(Boolean).join('');
  const body = [
    meeting.status === 'final' ? '' : watermark(W.watermark),
    `<h1>${escapeHtml(title)}</h1>`,
    orgLine ? `<p class="org-line">${escapeHtml(orgLine)}</p>` : '',
    recordHeader(meeting, input),
    ...meeting.topics.map((t, i) => topicSection(meeting, settings, t, i, numbers, outcomes)),
    correctionsSection(meeting, settings, meeting.corrections ?? [], numbers),
    signatureBlock(meeting, [...att.lists.present, ...att.lists.observers]),
  ].filter(Boolean);
  return printDocument({ title: `${title} ${meeting.title}`, bodyHtml: body.join('\n') });
}
