import { describe, expect, it } from 'vitest';
import { meetingOutcomes, type VoteOutcome } from '../../../../shared/domain/minutes';
import type { MeetingDoc } from '../../../../shared/schema';
import { assemblyMeeting, councilMeeting, settingsFixture } from '../../../../shared/domain/minutes/recorded-meetings';
import { minutesRecordHtml } from './minutes-record';

const settings = settingsFixture();
const render = (meeting: MeetingDoc, outcomes?: Record<string, VoteOutcome>): string =>
  minutesRecordHtml({ meeting, settings, ...(outcomes ? { outcomes } : {}) });
const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
const text = (el: Element | Document | null): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The header table as label → value. */
const headerOf = (doc: Document): Map<string, string> => {
  const out = new Map<string, string>();
  for (const th of Array.from(doc.querySelectorAll('table.header th'))) out.set(text(th), text(th.nextElementSibling));
  return out;
};

const finalWithCorrection = (): MeetingDoc =>
  councilMeeting({
    corrections: [
      {
        id: 'c1',
        kind: 'correction',
        at: '2026-11-27T02:15:00.000Z',
        by: '王晓梅',
        reason: '预算金额笔误',
        targetId: 'r1',
        text: '同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.8万元；施工方案和预算在小区公示栏公示7日后实施。',
      },
      { id: 'c2', kind: 'supplement', at: '2026-11-28T07:00:00.000Z', by: '李建国', reason: '补记发言', targetId: 't2', text: '吴敏建议充电设施选址征求消防部门意见。' },
    ],
  });

describe('minutesRecordHtml', () => {
  it('is one complete document: inline style, A4 page rule, no scripts, nothing external', () => {
    const html = render(councilMeeting());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[\s\S]*@page[\s\S]*size: A4;[\s\S]*margin: 25mm 20mm 20mm 20mm;/);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|https?:/i);
    expect(html).toContain("default-src 'none'");
    expect(text(parse(html).querySelector('title'))).toBe('金山花园会议记录 金山花园共建理事会会议（2026年11月25日）');
  });

  it('escapes user text everywhere: a <script> in the notes prints as text', () => {
    const m = councilMeeting();
    const evil = '<script>alert("x")</script>';
    const t1 = m.topics[0];
    if (!t1) throw new Error('fixture');
    const html = render({
      ...m,
      title: `会议 ${evil}`,
      location: '<b>会议室</b>',
      attendees: m.attendees.map((a, i) => (i === 0 ? { ...a, name: '<img src=x onerror=alert(1)>' } : a)),
      topics: [{ ...t1, notes: `第一行\n${evil}\n第三行 & "引号" '单引号'` }, ...m.topics.slice(1)],
    });
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, b')).toHaveLength(0);
    expect(doc.querySelector('.notes')?.textContent).toBe(`第一行\n${evil}\n第三行 & "引号" '单引号'`);
  });

  it('header: name, type, time, place, host with post, recorder, counts and names', () => {
    const h = headerOf(parse(render(councilMeeting())));
    expect(Object.fromEntries(h)).toEqual({
      会议名称: '金山花园共建理事会会议（2026年11月25日）',
      会议类型: '共建理事会会议',
      记录人: '王晓梅',
      时间: '2026年11月25日 19时30分至21时05分',
      地点: '金山社区党群服务站二楼会议室',
      主持人: '李建国（党支部书记、理事长）',
      出席情况: '应到7人，实到5人，请假1人，缺席1人，列席1人',
      出席人员: '李建国（理事长）、张伟（业委会主任）、陈静（物业项目经理）、刘洋（共建单位代表）、赵敏（楼栋长代表）',
      请假人员: '孙强（外地出差）',
      缺席人员: '周丽',
      列席人员: '吴敏（小区法律顾问）',
    });
  });

  it('a draft still missing attendance lists the unrecorded and marks itself 草稿', () => {
    const m = councilMeeting({ status: 'draft', finalisedAt: undefined, finalisedBy: undefined });
    const doc = parse(render({ ...m, attendees: m.attendees.map((a) => (a.id === 'a7' ? { ...a, status: 'unknown' as const } : a)) }));
    expect(headerOf(doc).get('未登记')).toBe('周丽（居民代表）');
    expect(headerOf(doc).get('出席情况')).toBe('应到7人，实到5人，请假1人，缺席0人，未登记1人，列席1人');
    expect(text(doc.querySelector('.status'))).toBe('记录状态：草稿（未定稿）');
    expect(text(doc.querySelector('.watermark'))).toBe('草稿');
  });

  it('topics in agenda order with speakers and notes keeping their line breaks', () => {
    const doc = parse(render(councilMeeting()));
    expect(Array.from(doc.querySelectorAll('h2')).map(text)).toEqual(['议题一：东门至3号楼道路破损修缮', '议题二：电动自行车集中充电设施增设']);
    const notes = doc.querySelectorAll('.notes');
    expect(notes[0]?.textContent?.split('\n')).toHaveLength(4);
    expect(notes[0]?.classList.contains('pre')).toBe(true);
    expect(text(doc.querySelector('.topic p'))).toBe('发言人：陈静、张伟、赵敏、刘洋');
    expect(text(doc.querySelectorAll('.topic')[1] ?? null)).toContain('本议题未形成决议。');
  });

  it('each decision: text, counts, outcome and the arithmetic behind it, action items', () => {
    const d = parse(render(councilMeeting())).querySelector('.decision');
    expect(Array.from(d?.children ?? []).map(text)).toEqual([
      '决议一',
      '同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.5万元；施工方案和预算在小区公示栏公示7日后实施。',
      '表决情况：同意4人，反对1人，弃权0人',
      '表决结果：通过',
      '出席 5/7 > 1/2；同意 4/5 > 1/2',
      '落实事项：',
      '编制施工方案和预算并公示（牵头：物业公司；配合：业委会；责任人：陈静；完成时限：2026年12月10日）',
    ]);
  });

  it('prints the outcomes it is given (e.g. computed with other settings) instead of computing its own', () => {
    const m = councilMeeting();
    const real = meetingOutcomes(m, settings).r1;
    if (!real) throw new Error('no outcome');
    const given: VoteOutcome = { ...real, outcome: 'not_quorate', steps: [], quorum: null };
    expect(text(parse(render(m, { r1: given })).querySelector('.decision .outcome'))).toBe('表决结果：未达到法定人数');
  });

  it('a roll call names who chose what', () => {
    const m = councilMeeting();
    const t1 = m.topics[0];
    const r1 = t1?.resolutions?.[0];
    if (!t1 || !r1) throw new Error('fixture');
    const rollCall = [
      { attendeeId: 'a1', choice: 'yes' as const },
      { attendeeId: 'a2', choice: 'yes' as const },
      { attendeeId: 'a3', choice: 'abstain' as const },
      { attendeeId: 'a4', choice: 'yes' as const },
      { attendeeId: 'a5', choice: 'no' as const },
    ];
    const html = render({ ...m, topics: [{ ...t1, resolutions: [{ ...r1, vote: { method: 'roll_call', rollCall } }] }] });
    const lines = Array.from(parse(html).querySelectorAll('.decision p')).map(text);
    expect(lines).toContain('表决情况：记名表决，同意3人，反对1人，弃权1人');
    expect(lines).toContain('同意：李建国、张伟、刘洋；反对：赵敏；弃权：陈静');
    expect(lines).toContain('出席 5/7 > 1/2；同意 3/5 > 1/2');
  });

  it('业主大会: totals, participation and voted areas in m² from integer dm², the art. 278 item', () => {
    const doc = parse(render(assemblyMeeting()));
    const h = headerOf(doc);
    expect(h.get('业主总数')).toBe('业主1200人，专有部分总面积152,345.67 m²');
    // Participation against the totals (S6), never 应到0人，实到0人.
    expect(h.get('参与情况')).toBe('参与表决业主900人，占总人数75.0%；专有部分面积118,765.43 m²，占78.0%');
    expect(h.has('出席情况')).toBe(false);
    expect(doc.body.textContent).not.toContain('应到');
    const lines = Array.from(doc.querySelectorAll('.decision p')).map(text);
    expect(lines).toEqual([
      '表决事项：民法典第二百七十八条第（五）项：使用建筑物及其附属设施的维修资金',
      '表决情况：同意620人（81,234.56 m²），反对200人（27,530.87 m²），弃权80人（10,000.00 m²）',
      '表决结果：通过',
      '参与表决面积 118,765.43/152,345.67 m² ≥ 2/3；参与表决业主 900/1200 ≥ 2/3；同意面积 81,234.56/118,765.43 m² > 1/2；同意业主 620/900 > 1/2',
    ]);
  });

  it('更正/补充 follow the original under their own heading; the original text is untouched', () => {
    const original = parse(render(councilMeeting()));
    const doc = parse(render(finalWithCorrection()));
    expect(text(doc.querySelector('.decision'))).toBe(text(original.querySelector('.decision')));
    const section = doc.querySelector('section.corrections');
    expect(section).not.toBeNull();
    // After every topic, before the status line and the signatures.
    const order = Array.from(doc.body.children).map((e) => e.className);
    expect(order.indexOf('corrections')).toBeGreaterThan(order.lastIndexOf('topic'));
    expect(order.indexOf('corrections')).toBeLessThan(order.indexOf('signatures'));
    expect(text(section?.querySelector('h2') ?? null)).toBe('更正/补充记录');
    expect(text(section?.querySelector('.note') ?? null)).toBe('以下为定稿后所作的更正、补充，原记录内容未作改动。');
    expect(Array.from(section?.querySelectorAll('.correction') ?? []).map((c) => Array.from(c.children).map(text))).toEqual([
      [
        '更正一 2026年11月27日 10时15分 王晓梅',
        '对象：决议一',
        '原因：预算金额笔误',
        '修改内容：',
        '同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过［“3.5”改为“3.8”］万元；施工方案和预算在小区公示栏公示7日后实施。',
      ],
      ['补充二 2026年11月28日 15时00分 李建国', '对象：议题二“电动自行车集中充电设施增设”', '原因：补记发言', '内容：', '吴敏建议充电设施选址征求消防部门意见。'],
    ]);
    // R4: the replaced text struck through, the new text underlined.
    expect(Array.from(section?.querySelectorAll('del') ?? []).map(text)).toEqual(['3.5']);
    expect(Array.from(section?.querySelectorAll('ins') ?? []).map(text)).toEqual(['3.8']);
    expect(original.querySelector('section.corrections')).toBeNull();
  });

  it('status: 已定稿 with who and when (Beijing time)', () =>
    expect(text(parse(render(councilMeeting())).querySelector('.status'))).toBe('记录状态：已定稿（定稿人：王晓梅，2026年11月26日 9时30分）'));

  it('signatures: status line, host and recorder lines, then one cell per present member and 列席 guest, three to a row', () => {
    const doc = parse(render(councilMeeting()));
    const block = doc.querySelector('section.signatures');
    expect(block?.firstElementChild?.className).toBe('status');
    expect(Array.from(block?.querySelectorAll('.sign-row > span') ?? []).map(text)).toEqual(['主持人签字：', '记录人签字：']);
    expect(text(block?.querySelector('p.label') ?? null)).toBe('参会人员签字：');
    expect(Array.from(block?.querySelectorAll('.sign-name') ?? []).map(text)).toEqual([
      '李建国（理事长）',
      '张伟（业委会主任）',
      '陈静（物业项目经理）',
      '刘洋（共建单位代表）',
      '赵敏（楼栋长代表）',
      '吴敏（小区法律顾问）',
    ]);
    expect(Array.from(block?.querySelectorAll('tr') ?? []).map((tr) => tr.children.length)).toEqual([3, 3]);
    expect(block?.querySelectorAll('.sign-grid .blank')).toHaveLength(6);
    // The signature block is the last thing on the record.
    expect(doc.body.lastElementChild).toBe(block);
  });

  it('with nobody marked present yet, blank signature cells to sign in by hand', () => {
    const m = councilMeeting({ status: 'draft' });
    const doc = parse(render({ ...m, attendees: m.attendees.map((a) => ({ ...a, status: 'unknown' as const })) }));
    expect(doc.querySelectorAll('.sign-grid .sign-name')).toHaveLength(0);
    expect(doc.querySelectorAll('.sign-grid .blank')).toHaveLength(6);
  });

  it('the same input gives the same document', () => expect(render(finalWithCorrection())).toBe(render(finalWithCorrection())));

  it('R4 a 更正 of discussion notes marks what it added, removed and replaced', () => {
    const notes = councilMeeting().topics[0]?.notes ?? '';
    const corrected = notes.replace('路面破损约120平方米', '路面和北门台阶破损约150平方米').replace('，已有两位老人滑倒', '');
    const m = councilMeeting({
      corrections: [{ id: 'c1', kind: 'correction', at: '2026-11-27T02:15:00.000Z', by: '王晓梅', reason: '漏记', targetId: 't1', text: corrected }],
    });
    const changes = parse(render(m)).querySelector('.correction-changes');
    expect(Array.from(changes?.querySelectorAll('.change') ?? []).map(text)).toEqual([
      '［增加“和北门台阶”］',
      '［“120”改为“150”］',
      '［删去“，已有两位老人滑倒”］',
    ]);
  });

  it('M17 a 更正 of a decision with a corrected vote prints the corrected counts and outcome', () => {
    const m = councilMeeting({
      corrections: [
        {
          id: 'c1',
          kind: 'correction',
          at: '2026-11-27T02:15:00.000Z',
          by: '王晓梅',
          reason: '计票有误',
          targetId: 'r1',
          text: councilMeeting().topics[0]?.resolutions?.[0]?.text ?? '',
          vote: { method: 'count', yes: 2, no: 3, abstain: 0 },
        },
      ],
    });
    const entry = parse(render(m)).querySelector('.correction');
    expect(text(entry)).toContain('更正后表决情况：同意2人，反对3人，弃权0人');
    expect(text(entry)).toContain('表决结果：未通过');
  });

  it('S6 an item decided on its own participation says so', () => {
    const m = assemblyMeeting();
    const t1 = m.topics[0];
    const r1 = t1?.resolutions?.[0];
    if (!t1 || !r1) throw new Error('fixture');
    const doc = parse(render({ ...m, topics: [{ ...t1, resolutions: [{ ...r1, participatingOwners: 850, participatingAreaDm2: 11_000_000 }] }] }));
    expect(Array.from(doc.querySelectorAll('.decision p')).map(text)).toContain(
      '本项参与表决：参与表决业主850人，占总人数70.8%；专有部分面积110,000.00 m²，占72.2%',
    );
  });
});
