// The 会议纪要: a one-page digest — when, where, who chaired (业主大会: who took part against the totals), then the
// decisions only, as corrected (numbered, each with its vote and outcome), the 出席 / 请假 / 列席 lines and the 落款.
// Built on meetingSummary (S1–S7, R1–R2).
import {
  ATTENDANCE_LABELS,
  MEETING_TYPE_LABELS,
  chinaDateOf,
  correctedOutcomes,
  formatDateCn,
  meetingSummary,
  type Correction,
  type DecisionLine,
  type MeetingSummary,
  type ParticipationLine,
} from '../../../../shared/domain/minutes';
import { escapeHtml, escapeMultiline, printDocument, watermark } from '../../../print';
import { cnNumeral, matterText, namesText, participationText, tallyText } from './format';
import { convenerOf, type MinutesPrintInput } from './print-input';
import { RECORD_WORDS as W } from './print-labels';

const trim = (s: string | undefined): string => s?.trim() ?? '';

/** 金山花园共建理事会会议纪要 */
export function minutesSummaryTitle(input: Pick<MinutesPrintInput, 'meeting' | 'settings'>): string {
  return `${trim(input.settings.compoundName)}${MEETING_TYPE_LABELS[input.meeting.type]}${W.summary}`;
}

/** The 纪要 of a meeting (S3–S7): decisions as corrected, with the outcomes of the corrected votes. */
export function summaryOf(input: MinutesPrintInput): MeetingSummary {
  const { meeting, settings } = input;
  return meetingSummary(meeting, input.outcomes ?? correctedOutcomes(meeting, settings), settings);
}

const participationOfLine = (p: ParticipationLine): string =>
  participationText({ owners: p.owners, areaDm2: p.areaDm2 }, { totalOwners: p.totalOwners, totalAreaDm2: p.totalAreaDm2 });

/**
 * "2026年11月25日19时30分至21时05分，金山花园小区共建理事会在金山社区党群服务站召开共建理事会会议。会议由党支部书记
 * 李建国主持，应到7人，实到5人。" A 业主大会 states its participation against the compound's totals instead (S6).
 * Parts the record lacks are left out rather than printed empty.
 */
export function introSentence(s: MeetingSummary, convener: string): string {
  const h = s.header;
  const when = `${h.dateCn ?? h.date}${h.time ?? ''}`;
  const where = h.location ? `在${h.location}` : '';
  const first = `${when}，${convener}${where}召开${h.typeLabel}。`;
  const host = h.hostName ? `会议由${h.hostPost ?? ''}${h.hostName}主持，` : '';
  const p = W.person;
  const participation = h.participation ? participationOfLine(h.participation) : '';
  const counts = h.participation
    ? participation
      ? `${participation}。`
      : ''
    : `${ATTENDANCE_LABELS.expected}${h.expected}${p}，${ATTENDANCE_LABELS.actual}${h.present}${p}。`;
  const lead = s.decisions.length > 0 ? '现将会议议定事项纪要如下：' : '本次会议未形成决议。';
  // "会议由…主持，" ends in a comma only when something follows it in the same sentence.
  const hosted = counts === '' && host !== '' ? `${host.slice(0, -1)}。` : host;
  return `${first}${hosted}${counts}${lead}`;
}

/** The Beijing date of a timestamp, 2026年11月27日. */
const dateOf = (iso: string): string => formatDateCn(chinaDateOf(iso) ?? '') ?? iso;

/**
 * What the 纪要 says about a decision's 更正/补充 entries (R1, R2): the decision above is already stated as
 * corrected; a 补充 is added with its text.
 */
export function amendmentLines(amendments: readonly Correction[], dateCn: (c: Correction) => string): string[] {
  return amendments.map((c) =>
    c.kind === 'correction'
      ? `（本决议于${dateCn(c)}更正${c.vote ? '表决情况' : ''}，${W.correctionReason}：${c.reason}。）`
      : `补充（${dateCn(c)}）：${c.text}`,
  );
}

/** The lines under a decision's text: 表决事项, 本项参与表决, 表决情况, 表决结果. */
export function decisionVoteText(d: DecisionLine): string {
  const vote: string[] = [];
  if (d.matter) vote.push(`${W.matter}：${matterText(d.matter)}。`);
  if (d.participation) vote.push(`${W.itemParticipation}：${participationOfLine(d.participation)}。`);
  if (d.method !== 'none' && d.tally) vote.push(`${W.vote}：${tallyText(d.tally)}。`);
  if (d.outcomeLabel) vote.push(`${W.result}：${d.outcomeLabel}。`);
  return vote.join('');
}

function decisionItem(d: DecisionLine, n: number, dateCn: (c: Correction) => string): string {
  const vote = decisionVoteText(d);
  return [
    '<li>',
    `<div class="pre indent">${escapeHtml(`${cnNumeral(n)}、`)}${escapeMultiline(d.text)}</div>`,
    vote ? `<p class="indent">${escapeHtml(vote)}</p>` : '',
    ...amendmentLines(d.amendments, dateCn).map((l) => `<p class="indent amendment pre">${escapeMultiline(l)}</p>`),
    '</li>',
  ].join('');
}

/** The 出席 / 请假 / 缺席 / 列席 lines (S5); a 业主大会 without a list of owners has only its 列席 line, if any. */
export function closingLines(s: MeetingSummary, assembly: boolean): string[] {
  const c = s.closing;
  const listed = c.present.length + c.leave.length + c.absent.length > 0;
  if (assembly && !listed) return c.observers.length > 0 ? [`${ATTENDANCE_LABELS.observer}：${namesText(c.observers, 'post')}`] : [];
  return [
    `${ATTENDANCE_LABELS.present}：${namesText(c.present, 'post')}`,
    `${ATTENDANCE_LABELS.leave}：${namesText(c.leave, 'reason')}`,
    ...(c.absent.length > 0 ? [`${ATTENDANCE_LABELS.absent}：${namesText(c.absent, 'reason')}`] : []),
    `${ATTENDANCE_LABELS.observer}：${namesText(c.observers, 'post')}`,
  ];
}

/**
 * The 会议纪要 as one complete HTML document: decisions only, as corrected (a 更正 of discussion notes is not part of
 * it); the 出席 / 请假 (with reasons) / 列席 lines, each present even when empty (无), with a 缺席 line between 请假
 * and 列席 when anyone was absent without leave (S5); then the 落款 at the lower right: the body that held the
 * meeting and the date (S7).
 */
export function minutesSummaryHtml(input: MinutesPrintInput): string {
  const { meeting, settings } = input;
  const s = summaryOf(input);
  const title = minutesSummaryTitle(input);
  const convener = convenerOf(meeting.type, settings);
  const closing = closingLines(s, meeting.type === 'owners_assembly');
  const subtitle = `${s.header.title}${s.final ? '' : `（${W.watermark}）`}`;
  const dateCn = (c: Correction): string => dateOf(c.at);
  const body = [
    s.final ? '' : watermark(W.watermark),
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="subtitle">${escapeHtml(subtitle)}</p>`,
    `<p class="indent">${escapeHtml(introSentence(s, convener))}</p>`,
    s.decisions.length ? `<ol class="decisions-list">${s.decisions.map((d, i) => decisionItem(d, i + 1, dateCn)).join('')}</ol>` : '',
    closing.length ? `<section class="closing">${closing.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</section>` : '',
    `<section class="signoff">${convener ? `<p>${escapeHtml(convener)}</p>` : ''}<p>${escapeHtml(formatDateCn(s.issueDate) ?? s.issueDate)}</p></section>`,
  ].filter(Boolean);
  return printDocument({ title: `${title} ${s.header.title}`, bodyHtml: body.join('\n') });
}
