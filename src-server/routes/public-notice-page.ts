// The HTML of the public notice page (GET /n/:code, public-notice.ts): plain server-rendered pages that work on any
// phone without scripts. Pure: what is shown and the moment are passed in. Every text from the database is escaped;
// the only id a page carries is the public code.
import { createHash } from 'node:crypto';
import { chinaDateTimeOf, formatDateCn, formatPeriodCn } from '../../shared/domain/common/dates';
import { NOTICE_KIND_LABEL, issueNumberText, type NoticeDisplayStatus } from '../../shared/domain/notices/lifecycle';
import { PUBLIC_NOTICE_PATH, isPublicCode, shortCodeText } from '../../shared/domain/notices/public';
import { NOTICE_KINDS, NOTICE_STATUSES, type NoticeKind, type NoticeStatus } from '../../shared/schema/notices';
import { cspText } from '../../shared/web/csp';

// ---- What a page shows ----

export type PublicTable = { caption?: string; columns: string[]; rows: string[][]; numericFrom?: number };

/** The fields of a stored notice the page shows (read defensively from the stored jsonb: readPublicNotice). */
export type PublicNotice = {
  kind: NoticeKind;
  title: string;
  body: string;
  status: NoticeStatus;
  public: boolean;
  publicCode?: string;
  tables: PublicTable[];
  addressees?: string;
  issuers: string[];
  issuePrefix?: string;
  issueYear?: number;
  issueSeq?: number;
  issueDate?: string;
  postFrom?: string;
  postUntil?: string;
  contactName?: string;
  contactPhone?: string;
  attachmentNames: string[];
  withdrawnAt?: string;
  withdrawReason?: string;
  supersededBy?: string;
  booksHash?: string;
  period?: string;
  periodFrom?: string;
  periodTo?: string;
};

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);
const int = (x: unknown): number | undefined => (typeof x === 'number' && Number.isSafeInteger(x) ? x : undefined);
const texts = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);
const isKind = (x: unknown): x is NoticeKind => (NOTICE_KINDS as readonly unknown[]).includes(x);
const isStatus = (x: unknown): x is NoticeStatus => (NOTICE_STATUSES as readonly unknown[]).includes(x);

function readTable(x: unknown): PublicTable | undefined {
  if (!isObj(x)) return undefined;
  const rows = Array.isArray(x.rows) ? x.rows.map(texts) : [];
  const caption = text(x.caption);
  const numericFrom = int(x.numericFrom);
  return { columns: texts(x.columns), rows, ...(caption !== undefined ? { caption } : {}), ...(numericFrom !== undefined ? { numericFrom } : {}) };
}

/**
 * A stored notice's data → what the page may show, or null when it is no notice (no title, kind or status). Stored
 * documents passed the schema on push; this still never trusts a field's type, so that no row can break the page.
 */
export function readPublicNotice(data: unknown): PublicNotice | null {
  if (!isObj(data)) return null;
  const { kind, status } = data;
  const title = text(data.title);
  if (!isKind(kind) || !isStatus(status) || title === undefined) return null;
  const source = isObj(data.source) ? data.source : {};
  const optional: Partial<PublicNotice> = {};
  const put = <K extends keyof PublicNotice>(k: K, v: PublicNotice[K] | undefined): void => {
    if (v !== undefined) optional[k] = v;
  };
  put('publicCode', text(data.publicCode));
  put('addressees', text(data.addressees));
  put('issuePrefix', text(data.issuePrefix));
  put('issueYear', int(data.issueYear));
  put('issueSeq', int(data.issueSeq));
  put('issueDate', text(data.issueDate));
  put('postFrom', text(data.postFrom));
  put('postUntil', text(data.postUntil));
  put('contactName', text(data.contactName));
  put('contactPhone', text(data.contactPhone));
  put('withdrawnAt', text(data.withdrawnAt));
  put('withdrawReason', text(data.withdrawReason));
  put('supersededBy', text(data.supersededBy));
  put('booksHash', text(source.booksHash));
  put('period', text(source.period));
  put('periodFrom', text(source.periodFrom));
  put('periodTo', text(source.periodTo));
  return {
    kind,
    title,
    body: typeof data.body === 'string' ? data.body : '',
    status,
    public: data.public === true,
    tables: Array.isArray(data.tables) ? data.tables.map(readTable).filter((t): t is PublicTable => t !== undefined) : [],
    issuers: texts(data.issuers).filter((s) => s.trim() !== ''),
    attachmentNames: texts(data.attachmentNames).filter((s) => s.trim() !== ''),
    ...optional,
  };
}

/** Whether a stored notice may be served: issued or withdrawn, marked public, with a valid code. */
export const isServable = (n: PublicNotice): boolean =>
  n.public && (n.status === 'issued' || n.status === 'withdrawn') && n.publicCode !== undefined && isPublicCode(n.publicCode);

// ---- Time, as the compound reads it ----

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as the date (YYYY-MM-DD) and time (HH:MM) in Asia/Shanghai: the compound's "today". */
export function shanghaiDateTime(ms: number): { date: string; time: string } {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

// ---- HTML ----

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text → HTML text or attribute value. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const dateCn = (d: string | undefined): string | undefined => (d === undefined ? undefined : (formatDateCn(d) ?? d));

/** Every style of every page, in one inline block allowed by its hash (no 'unsafe-inline'). */
const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f4f4f2;color:#1b1b1b;font:16px/1.75 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;-webkit-text-size-adjust:100%}
main{max-width:46rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
.compound{margin:0 0 .75rem;color:#555;font-size:.95rem}
.status{border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1.25rem;border:2px solid}
.status strong{display:block;font-size:1.5rem;line-height:1.4}
.status p{margin:.25rem 0 0}
.status a{color:inherit;font-weight:600}
.s-posted{background:#e7f5ea;border-color:#1f8a3b;color:#145c27}
.s-issued{background:#e8f0fb;border-color:#2f62b3;color:#1d3f77}
.s-expired{background:#efefef;border-color:#777;color:#3d3d3d}
.s-withdrawn{background:#fdeaea;border-color:#c62828;color:#8e1c1c}
.s-superseded{background:#fff4e0;border-color:#c77800;color:#6d4200}
.kind{margin:0;color:#a11;font-weight:600}
h1{margin:.25rem 0 .5rem;font-size:1.45rem;line-height:1.45;font-family:"STHeiti","SimHei","Heiti SC","Noto Sans CJK SC",inherit}
.number{margin:0 0 1rem;color:#333}
dl.meta{display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem;margin:0 0 1.25rem;padding:.75rem 0;border-top:1px solid #ddd;border-bottom:1px solid #ddd}
dl.meta dt{color:#666;white-space:nowrap}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.body p{margin:0 0 .9rem;white-space:pre-wrap;overflow-wrap:anywhere}
.table{overflow-x:auto;margin:0 0 1rem}
table{border-collapse:collapse;min-width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f1ee}
th.num,td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.extra{margin:0 0 1rem}
.extra ol{margin:.25rem 0 0;padding-left:1.5rem}
.books{background:#f6f6f3;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
.books code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere}
.books p{margin:.25rem 0 0;font-size:.9rem;color:#444}
.code{color:#555;font-size:.9rem}
footer{margin:1.5rem 0 0;padding-top:.75rem;border-top:1px solid #ddd;color:#666;font-size:.85rem}
footer p{margin:.25rem 0}
`;

const styleHash = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** The page's Content-Security-Policy: nothing loads, nothing runs; only its own style block and data: images. */
export const PUBLIC_PAGE_CSP = cspText({
  'default-src': ["'none'"],
  'style-src': [styleHash],
  'img-src': ['data:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});

const FOOTER_NOTE = '本页面由 邻里工作台 同步服务器提供，内容与张贴的纸质公告一致方为有效';

function htmlDocument(title: string, main: string, generatedAt: number): string {
  const at = shanghaiDateTime(generatedAt);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${main}
<footer>
<p>${esc(FOOTER_NOTE)}</p>
<p>页面生成时间：${esc(`${formatDateCn(at.date) ?? at.date} ${at.time}`)}（北京时间）</p>
</footer>
</main>
</body>
</html>
`;
}

/** The notice's successor, when it may be linked (issued and public): its code and title. */
export type SuccessorLink = { code: string; title: string };

export type NoticePageInput = {
  compoundName: string;
  notice: PublicNotice;
  /** The code the page is served under. */
  code: string;
  /** noticeDisplayStatus(notice, today in Asia/Shanghai). */
  status: Exclude<NoticeDisplayStatus, 'draft'>;
  successor: SuccessorLink | null;
  generatedAt: number;
};

const STATUS_HEADLINE: { readonly [S in NoticePageInput['status']]: string } = {
  posted: '公示中',
  issued: '已发布（尚未到公示期）',
  expired: '已到期',
  withdrawn: '已撤下',
  superseded: '已被新公告取代',
};

function postPeriodText(n: PublicNotice): string | undefined {
  const from = dateCn(n.postFrom);
  const until = dateCn(n.postUntil);
  if (from && until) return `${from}至${until}`;
  if (from) return `${from}起`;
  if (until) return `至${until}`;
  return undefined;
}

function statusBlock(input: NoticePageInput): string {
  const { notice: n, status, successor } = input;
  const lines: string[] = [];
  switch (status) {
    case 'posted':
      lines.push(n.postUntil ? `本公告正在公示，公示期至${dateCn(n.postUntil) ?? ''}。` : '本公告已发布，正在张贴。');
      break;
    case 'issued':
      lines.push(`本公告已发布，公示期自${dateCn(n.postFrom) ?? ''}开始。`);
      break;
    case 'expired':
      lines.push(`本公告的公示期已于${dateCn(n.postUntil) ?? ''}结束。`);
      break;
    case 'withdrawn': {
      const at = n.withdrawnAt ? chinaDateTimeOf(n.withdrawnAt) : null;
      lines.push(at ? `本公告已于${formatDateCn(at.date) ?? at.date}撤下，不再有效。` : '本公告已撤下，不再有效。');
      if (n.withdrawReason) lines.push(`撤下原因：${n.withdrawReason}`);
      break;
    }
    case 'superseded':
      lines.push('本公告已被一份新公告取代，请以新公告为准。');
      break;
  }
  const html = lines.map((l) => `<p>${esc(l)}</p>`);
  if (status === 'superseded') {
    html.push(
      successor
        ? `<p>新公告：<a href="${esc(PUBLIC_NOTICE_PATH + successor.code)}">${esc(`《${successor.title}》`)}</a></p>`
        : `<p>${esc('新公告尚未在网上公布，请以公告栏张贴的新公告为准。')}</p>`,
    );
  }
  return `<section class="status s-${status}"><strong>${esc(STATUS_HEADLINE[status])}</strong>${html.join('')}</section>`;
}

function metaRow(label: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`;
}

function bodyHtml(body: string): string {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\s+$/g, ''))
    .filter((p) => p.trim() !== '');
  return paragraphs.length === 0 ? '' : `<section class="body">${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</section>`;
}

function tableHtml(t: PublicTable): string {
  const numeric = (i: number): boolean => t.numericFrom !== undefined && t.numericFrom > 0 && i >= t.numericFrom;
  const head = t.columns.length > 0 ? `<thead><tr>${t.columns.map((c, i) => `<th${numeric(i) ? ' class="num"' : ''}>${esc(c)}</th>`).join('')}</tr></thead>` : '';
  const rows = t.rows.map((r) => `<tr>${r.map((cell, i) => `<td${numeric(i) ? ' class="num"' : ''}>${esc(cell)}</td>`).join('')}</tr>`).join('');
  const caption = t.caption ? `<caption>${esc(t.caption)}</caption>` : '';
  return `<div class="table"><table>${caption}${head}<tbody>${rows}</tbody></table></div>`;
}

function periodText(n: PublicNotice): string | undefined {
  const cn = (p: string | undefined): string | undefined => (p === undefined ? undefined : (formatPeriodCn(p) ?? p));
  if (n.periodFrom && n.periodTo && n.periodFrom !== n.periodTo) return `${cn(n.periodFrom) ?? ''}至${cn(n.periodTo) ?? ''}`;
  return cn(n.period ?? n.periodFrom ?? n.periodTo);
}

function booksBlock(n: PublicNotice): string {
  if (n.kind !== 'finance' || !n.booksHash) return '';
  return `<section class="books"><div>账簿校验码：<code>${esc(n.booksHash)}</code></div><p>${esc(
    '校验码由生成本公示时的账簿数据计算得出；账簿此后如有任何改动，校验码就会不同，可向小区办公室核对。',
  )}</p></section>`;
}

/** The page of a servable notice. */
export function renderNoticePage(input: NoticePageInput): string {
  const { notice: n, compoundName } = input;
  const kind = NOTICE_KIND_LABEL[n.kind];
  const number = issueNumberText(n);
  const contact = [n.contactName, n.contactPhone].filter((s): s is string => s !== undefined).join(' ');
  const attachments =
    n.attachmentNames.length > 0 ? `<section class="extra">附件：<ol>${n.attachmentNames.map((a) => `<li>${esc(a)}</li>`).join('')}</ol></section>` : '';
  const main = [
    `<p class="compound">${esc(compoundName)}</p>`,
    statusBlock(input),
    `<p class="kind">${esc(kind)}</p>`,
    `<h1>${esc(n.title)}</h1>`,
    number ? `<p class="number">${esc(number)}</p>` : '',
    `<dl class="meta">${[
      metaRow('发布单位', n.issuers.join('、')),
      metaRow('发布日期', dateCn(n.issueDate)),
      metaRow('公示期', postPeriodText(n)),
      metaRow('所属期间', n.kind === 'finance' ? periodText(n) : undefined),
      metaRow('主送', n.addressees),
    ].join('')}</dl>`,
    bodyHtml(n.body),
    n.tables.map(tableHtml).join(''),
    attachments,
    contact ? `<p class="extra">联系人：${esc(contact)}</p>` : '',
    booksBlock(n),
    `<p class="code">核验码：${esc(shortCodeText(input.code))}</p>`,
  ].join('\n');
  return htmlDocument(`${n.title} · ${compoundName}`, main, input.generatedAt);
}

/** Why no notice is shown. */
export type MessagePage = { kind: 'not_found'; typed: string } | { kind: 'rate_limited'; retryAfter: number } | { kind: 'ambiguous'; code: string };

/** The page when no notice is shown: unknown code (maybe not yet synced), too many requests, an ambiguous code. */
export function renderMessagePage(page: MessagePage, generatedAt: number): string {
  switch (page.kind) {
    case 'not_found': {
      const typed = page.typed.length > 40 ? `${page.typed.slice(0, 40)}…` : page.typed;
      const main = [
        `<h1>${esc('未找到该公告')}</h1>`,
        typed !== '' ? `<p>${esc(`没有找到核验码为“${typed}”的公告。`)}</p>` : `<p>${esc('请输入公告上印的核验码。')}</p>`,
        `<p>${esc('如果这份公告是离线打印的，它可能尚未同步到服务器，请稍后再试，或向小区办公室咨询。')}</p>`,
        `<p>${esc('也请核对核验码是否输入正确：核验码共 12 位，区分大小写。')}</p>`,
      ].join('\n');
      return htmlDocument('未找到该公告', main, generatedAt);
    }
    case 'rate_limited': {
      const main = [`<h1>${esc('访问过于频繁')}</h1>`, `<p>${esc(`请在 ${page.retryAfter} 秒后再试。`)}</p>`].join('\n');
      return htmlDocument('访问过于频繁', main, generatedAt);
    }
    case 'ambiguous': {
      const main = [
        `<h1>${esc('无法核验该公告')}</h1>`,
        `<p>${esc(`核验码“${shortCodeText(page.code)}”对应了不止一份公告，本页无法确认是哪一份。`)}</p>`,
        `<p>${esc('请以公告栏张贴的纸质公告为准，并向小区办公室核实。')}</p>`,
      ].join('\n');
      return htmlDocument('无法核验该公告', main, generatedAt);
    }
  }
}
