// The 会议纪要: a one-page digest — when, where, who chaired, then the decisions only (numbered, each with its vote
// and outcome), ending with the 出席 / 请假 / 列席 lines. Built on meetingSummary (S1–S5).
import {
  ATTENDANCE_LABELS,
  MEETING_TYPE_LABELS,
  meetingSummary,
  type Correction,
  type DecisionLine,
  type MeetingSummary,
} from '../../../../shared/domain/minutes';
import { escapeHtml, escapeMultiline } from './escape-html';
import { cnNumeral, formatTimestampCn, matterText, namesText, tallyText } from './format';
import { printDocument } from './print-document';
import { convenerOf, outcomesOf, type MinutesPrintInput } from './print-input';
import { CORRECTION_KIND_LABELS, RECORD_WORDS as W } from './print-labels';

const trim = (s: string | undefined): string => s?.trim() ?? '';

/** 金山花园共建理事会会议纪要 */
export function minutesSummaryTitle(input: Pick<MinutesPrintInput, 'meeting' | 'settings'>): string {
  return `${trim(input.settings.compoundName)}${MEETING_TYPE_LABELS[input.meeting.type]}${W.summary}`;
}

/**
 * "2026年11月25日19时30分至21时05分，金山花园小区共建理事会在金山社区党群服务站召开共建理事会会议。会议由党支部书记
 * 李建国主持，应到7人，实到5人。" Parts the record lacks are left out rather than printed empty.
 */
function introSentence(s: MeetingSummary, convener: string): string {
  const h = s.header;
  const when = `${h.dateCn ?? h.date}${h.time ?? ''}`;
  const where = h.location ? `在${h.location}` : '';
  const first = `${when}，${convener}${where}召开${h.typeLabel}。`;
  const host = h.hostName ? `会议由${h.hostPost ?? ''}${h.hostName}主持，` : '';
  const p = W.person;
  const counts = `${ATTENDANCE_LABELS.expected}${h.expected}${p}，${ATTENDANCE_LABELS.actual}${h.present}${p}。`;
  const lead = s.decisions.length > 0 ? '现将会议议定事项纪要如下：' : '本次会议未形成决议。';
  return `${first}${host}${counts}${lead}`;
}

function decisionItem(d: DecisionLine, n: number): string {
  const vote: string[] = [];
  if (d.matter) vote.push(`${W.matter}：${matterText(d.matter)}。`);
  if (d.method !== 'none' && d.tally) vote.push(`${W.vote}：${tallyText(d.tally)}。`);
  if (d.outcomeLabel) vote.push(`${W.result}：${d.outcomeLabel}。`);
  return [
    '<li>',
    `<div class="pre indent">${escapeHtml(`${cnNumeral(n)}、`)}${escapeMultiline(d.text)}</div>`,
    vote.length ? `<p class="indent">${escapeHtml(vote.join(''))}</p>` : '',
    '</li>',
  ].join('');
}

function correctionLines(corrections: readonly Correction[]): string {
  if (corrections.length === 0) return '';
  const items = corrections.map((c, i) => {
    const head = `${CORRECTION_KIND_LABELS[c.kind]}${cnNumeral(i + 1)}（${formatTimestampCn(c.at) ?? c.at}，${c.by}；${W.correctionReason}：${c.reason}）：`;
    return `<div class="correction"><span class="label">${escapeHtml(head)}</span><div class="pre">${escapeMultiline(c.text)}</div></div>`;
  });
  return [`<section class="corrections"><h3>${escapeHtml(W.corrections)}</h3>`, ...items, '</section>'].join('');
}

/**
 * The 会议纪要 as one complete HTML document. It ends with 出席 / 请假 (with reasons) / 列席 lines, each present
 * even when empty (无); a 缺席 line sits between 请假 and 列席 when anyone was absent without leave (S5).
 */
export function minutesSummaryHtml(input: MinutesPrintInput): string {
  const { meeting, settings } = input;
  const s = meetingSummary(meeting, outcomesOf(input));
  const title = minutesSummaryTitle(input);
  const convener = convenerOf(meeting.type, settings);
  const closing = [
    `${ATTENDANCE_LABELS.present}：${namesText(s.closing.present, 'post')}`,
    `${ATTENDANCE_LABELS.leave}：${namesText(s.closing.leave, 'reason')}`,
    ...(s.closing.absent.length > 0 ? [`${ATTENDANCE_LABELS.absent}：${namesText(s.closing.absent, 'reason')}`] : []),
    `${ATTENDANCE_LABELS.observer}：${namesText(s.closing.observers, 'post')}`,
  ];
  const subtitle = `${s.header.title}${s.final ? '' : `（${W.watermark}）`}`;
  const body = [
    s.final ? '' : `<div class="watermark">${escapeHtml(W.watermark)}</div>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="subtitle">${escapeHtml(subtitle)}</p>`,
    `<p class="indent">${escapeHtml(introSentence(s, convener))}</p>`,
    s.decisions.length ? `<ol class="decisions-list">${s.decisions.map((d, i) => decisionItem(d, i + 1)).join('')}</ol>` : '',
    correctionLines(s.corrections),
    `<section class="closing">${closing.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</section>`,
  ].filter(Boolean);
  return printDocument({ title: `${title} ${s.header.title}`, bodyHtml: body.join('\n') });
}
