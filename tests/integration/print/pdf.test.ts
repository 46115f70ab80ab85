// Renders the printed minutes the way the desktop app does — Chromium's printToPDF with the document's own @page —
// and reads the PDF back with poppler: the text must be there (CJK extracted, not tofu), in the right order.
// Set PRINT_ARTIFACTS_DIR to keep the PDFs and page-1 PNGs for a look.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../../shared/schema';
import { assemblyMeeting, councilMeeting, settingsFixture } from '../../../shared/domain/minutes/recorded-meetings';
import { minutesRecordHtml, minutesSummaryHtml } from '../../../src-renderer/features/minutes/print';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const settings = settingsFixture();

let browser: Browser | undefined;
let dir = '';
const keep = process.env.PRINT_ARTIFACTS_DIR;

beforeAll(async () => {
  dir = keep ? path.resolve(keep) : await mkdtemp(path.join(os.tmpdir(), 'linli-print-pdf-'));
  await mkdir(dir, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (!keep && dir) await rm(dir, { recursive: true, force: true });
});

type Rendered = { pdf: string; text: string; flat: string; pages: number };

/** HTML → PDF (as Electron's printToPDF with preferCSSPageSize) → `pdftotext -layout`, plus page 1 as a PNG. */
async function renderPdf(name: string, html: string): Promise<Rendered> {
  if (!browser) throw new Error('no browser');
  // Print windows run without JavaScript; so does this page.
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const bytes = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pdf = path.join(dir, `${name}.pdf`);
    await writeFile(pdf, bytes);
    await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, path.join(dir, `${name}.txt`)]);
    const text = await readFile(path.join(dir, `${name}.txt`), 'utf8');
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(dir, name)]);
    const { stdout } = await run('pdfinfo', [pdf]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
    // Page footers ("— 1 —") are the page, not the document; drop them before reading the text in order.
    const body = text
      .split('\n')
      .filter((l) => !/^\s*—\s*\d+\s*—\s*$/.test(l))
      .join('\n');
    return { pdf, text, flat: body.replace(/\s+/g, ''), pages };
  } finally {
    await context.close();
  }
}

const pngOf = async (name: string): Promise<number> => {
  // pdftoppm names a single page name-1.png or name-01.png depending on the page count.
  for (const f of [`${name}-1.png`, `${name}-01.png`]) {
    const s = await stat(path.join(dir, f)).catch(() => null);
    if (s) return s.size;
  }
  return 0;
};

const cjkCount = (s: string): number => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;

describe('printed minutes through Chromium', () => {
  it('会议记录: header fields, topics, the decision with its counts and outcome, signatures', async () => {
    const r = await renderPdf('record', minutesRecordHtml({ meeting: councilMeeting(), settings }));
    // CJK was extracted as text (embedded fonts with a Unicode map), not boxes or replacement characters.
    expect(cjkCount(r.text)).toBeGreaterThan(400);
    expect(r.text).not.toContain('\uFFFD');
    for (const s of [
      '金山花园会议记录',
      '会议名称金山花园共建理事会会议（2026年11月25日）',
      '会议类型共建理事会会议',
      '记录人王晓梅',
      '时间2026年11月25日19时30分至21时05分',
      '地点金山社区党群服务站二楼会议室',
      '主持人李建国（党支部书记、理事长）',
      '出席情况应到7人，实到5人，请假1人，缺席1人，列席1人',
      '请假人员孙强（外地出差）',
      '缺席人员周丽',
      '列席人员吴敏（小区法律顾问）',
      '议题一：东门至3号楼道路破损修缮',
      '议题二：电动自行车集中充电设施增设',
      '决议一',
      '表决情况：同意4人，反对1人，弃权0人',
      '表决结果：通过',
      '出席5/7>1/2；同意4/5>1/2',
      '记录状态：已定稿（定稿人：王晓梅，2026年11月26日9时30分）',
      '主持人签字：',
      '记录人签字：',
      '参会人员签字：',
    ])
      expect(r.flat, s).toContain(s);
    // Notes keep their line breaks: each speaker's remark starts its own line.
    const lines = r.text.split('\n').map((l) => l.trim());
    for (const start of ['陈静通报：', '张伟：建议', '赵敏：施工期间', '刘洋：共建单位']) expect(lines.some((l) => l.startsWith(start)), start).toBe(true);
    // Signature cells for the five present members and the 列席 guest, after the label; not for 孙强 or 周丽.
    const signing = r.flat.slice(r.flat.indexOf('参会人员签字：'));
    for (const n of ['李建国', '张伟', '陈静', '刘洋', '赵敏', '吴敏']) expect(signing).toContain(n);
    expect(signing).not.toMatch(/孙强|周丽/);
    // Page numbers come from the @page margin box.
    expect(r.text).toMatch(/—\s*1\s*—/);
    expect(r.pages).toBeGreaterThanOrEqual(1);
    expect(await pngOf('record')).toBeGreaterThan(1000);
  });

  it('会议纪要: intro, numbered decision with counts and outcome, ending with 出席/请假/缺席/列席', async () => {
    const r = await renderPdf('summary', minutesSummaryHtml({ meeting: councilMeeting(), settings }));
    expect(r.flat).toContain('金山花园共建理事会会议纪要');
    expect(r.flat).toContain('2026年11月25日19时30分至21时05分，金山花园小区共建理事会在金山社区党群服务站二楼会议室召开共建理事会会议。');
    expect(r.flat).toContain('会议由党支部书记、理事长李建国主持，应到7人，实到5人。');
    expect(r.flat).toContain('一、同意由物业公司对东门至3号楼段道路进行修缮');
    expect(r.flat).toContain('表决情况：同意4人，反对1人，弃权0人。表决结果：通过。');
    expect(r.flat).not.toContain('飞线充电');
    expect(r.flat).toContain(
      '出席：李建国（理事长）、张伟（业委会主任）、陈静（物业项目经理）、刘洋（共建单位代表）、赵敏（楼栋长代表）' +
        '请假：孙强（外地出差）缺席：周丽列席：吴敏（小区法律顾问）',
    );
    // The 落款 closes it: the body that held the meeting, then the date of 定稿 (issue #8).
    expect(r.flat.endsWith('列席：吴敏（小区法律顾问）金山花园小区共建理事会2026年11月26日')).toBe(true);
    expect(r.pages).toBe(1);
    expect(await pngOf('summary')).toBeGreaterThan(1000);
  });

  it('业主大会: areas in m² exactly as stored in dm²', async () => {
    const r = await renderPdf('assembly', minutesRecordHtml({ meeting: assemblyMeeting(), settings }));
    expect(r.flat).toContain('业主总数业主1200人，专有部分总面积152,345.67m²');
    expect(r.flat).toContain('参与情况参与表决业主900人，占总人数75.0%；专有部分面积118,765.43m²，占78.0%');
    expect(r.flat).toContain('同意620人（81,234.56m²），反对200人（27,530.87m²），弃权80人（10,000.00m²）');
    expect(r.flat).toContain('参与表决面积118,765.43/152,345.67m²≥2/3；参与表决业主900/1200≥2/3');
    expect(r.flat).toContain('表决结果：通过');
  });

  it('a draft with markup in its notes prints the markup as text and runs nothing', async () => {
    const m = councilMeeting({ status: 'draft', finalisedAt: undefined, finalisedBy: undefined });
    const t1 = m.topics[0];
    if (!t1) throw new Error('fixture');
    const notes = `${t1.notes}\n<script>document.body.innerHTML='HACKED'</script>`;
    const meeting: MeetingDoc = { ...m, topics: [{ ...t1, notes }, ...m.topics.slice(1)] };
    const r = await renderPdf('draft', minutesRecordHtml({ meeting, settings }));
    expect(r.flat).toContain("<script>document.body.innerHTML='HACKED'</script>");
    expect(r.flat).toContain('记录状态：草稿（未定稿）');
    expect(r.flat).toContain('金山花园会议记录');
  });

  // Issue #8 §2: a 业主大会 is counted by participating owners and area, against the compound's totals.
  it('业主大会 record and 纪要: participation against the totals, never 应到0人，实到0人; each decision in headcount and area', async () => {
    const meeting = assemblyMeeting({
      attendees: [],
      totalOwners: 610,
      totalAreaDm2: 4_502_628,
      participatingOwners: 460,
      participatingAreaDm2: 3_512_050,
      topics: [
        {
          id: 't1',
          title: '表决事项',
          notes: '',
          resolutions: [
            {
              id: 'r1',
              text: '续聘金山物业服务有限公司为本小区物业服务企业，服务期三年。',
              matter: 'art278_4',
              vote: { method: 'count', yes: 400, yesAreaDm2: 3_000_000, no: 60, noAreaDm2: 512_050 },
            },
            {
              id: 'r2',
              text: '使用专项维修资金更换3号楼电梯。',
              matter: 'art278_5',
              participatingOwners: 420,
              participatingAreaDm2: 3_200_000,
              vote: { method: 'count', yes: 380, yesAreaDm2: 2_900_000, no: 40, noAreaDm2: 300_000 },
            },
          ],
        },
      ],
    });
    const record = await renderPdf('assembly-record', minutesRecordHtml({ meeting, settings }));
    expect(record.flat).toContain('参与表决业主460人，占总人数75.4%；专有部分面积35,120.50m²，占78.0%');
    expect(record.flat).toContain('业主总数业主610人，专有部分总面积45,026.28m²');
    expect(record.flat).not.toMatch(/应到|实到/);
    expect(record.flat).toContain('表决情况：同意400人（30,000.00m²），反对60人（5,120.50m²），弃权0人（0.00m²）');
    // The second item was decided on its own participation, and says so.
    expect(record.flat).toContain('本项参与表决：参与表决业主420人，占总人数68.9%；专有部分面积32,000.00m²，占71.1%');
    expect(record.flat).toContain('同意业主380/420>1/2');

    const summary = await renderPdf('assembly-summary', minutesSummaryHtml({ meeting, settings }));
    expect(summary.flat).toContain(
      '会议由业委会主任张伟主持，参与表决业主460人，占总人数75.4%；专有部分面积35,120.50m²，占78.0%。现将会议议定事项纪要如下：',
    );
    expect(summary.flat).not.toMatch(/应到|实到|出席：无/);
    expect(summary.flat).toContain('表决情况：同意400人（30,000.00m²），反对60人（5,120.50m²），弃权0人（0.00m²）。表决结果：通过。');
    expect(summary.flat).toContain('本项参与表决：参与表决业主420人，占总人数68.9%；专有部分面积32,000.00m²，占71.1%。');
  });

  // Issue #8 §3: the 纪要 is ready to post.
  it('纪要: ends with the 落款; only decisions’ corrections, stated as the corrected decision; the record marks what changed', async () => {
    const base = councilMeeting();
    const r1 = base.topics[0]?.resolutions?.[0];
    const notes = base.topics[0]?.notes ?? '';
    if (!r1) throw new Error('fixture');
    const meeting = councilMeeting({
      corrections: [
        {
          id: 'c1',
          kind: 'correction',
          at: '2026-11-27T02:15:00.000Z',
          by: '王晓梅',
          reason: '漏记北门台阶',
          targetId: 't1',
          text: notes.replace('东门至3号楼段路面破损', '东门至3号楼段路面和北门台阶破损'),
        },
        {
          id: 'c2',
          kind: 'correction',
          at: '2026-11-28T02:15:00.000Z',
          by: '王晓梅',
          reason: '预算金额和计票有误',
          targetId: 'r1',
          text: r1.text.replace('预算不超过3.5万元', '预算不超过3.8万元'),
          vote: { method: 'count', yes: 5, no: 0, abstain: 0 },
        },
      ],
    });
    const summary = await renderPdf('summary-corrected', minutesSummaryHtml({ meeting, settings }));
    // The decision as corrected, with the corrected vote; the notes' correction is not in the 纪要.
    expect(summary.flat).toContain('一、同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.8万元；');
    expect(summary.flat).toContain('表决情况：同意5人，反对0人，弃权0人。表决结果：通过。');
    expect(summary.flat).toContain('（本决议于2026年11月28日更正表决情况，原因：预算金额和计票有误。）');
    expect(summary.flat).not.toMatch(/3\.5万元|北门台阶|漏记|同意4人/);
    // The 落款 at the lower right: the issuing body, then the date, right of the page's middle, below the text.
    expect(summary.flat.endsWith('金山花园小区共建理事会2026年11月28日')).toBe(true);
    const lines = summary.text.split('\n');
    const issuer = [...lines].reverse().find((l) => l.trim() === '金山花园小区共建理事会');
    const date = lines.find((l) => l.trim() === '2026年11月28日');
    expect(issuer).toBeDefined();
    expect(date).toBeDefined();
    const indent = (l: string | undefined): number => (l ?? '').search(/\S/);
    const width = Math.max(...lines.map((l) => l.length));
    expect(indent(issuer)).toBeGreaterThan(width / 3);
    expect(indent(date)).toBeGreaterThan(width / 3);

    const record = await renderPdf('record-corrected', minutesRecordHtml({ meeting, settings }));
    // What each 更正 changed is marked in place, in words that survive black-and-white printing and text extraction.
    expect(record.flat).toContain('修改内容：');
    expect(record.flat).toContain('东门至3号楼段路面［增加“和北门台阶”］破损');
    expect(record.flat).toContain('预算不超过［“3.5”改为“3.8”］万元');
    expect(record.flat).toContain('更正后表决情况：同意5人，反对0人，弃权0人表决结果：通过');
    // The original is printed as finalised.
    expect(record.flat).toContain('表决情况：同意4人，反对1人，弃权0人');
  });
});
