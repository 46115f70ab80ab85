import { describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../../../shared/schema';
import { assemblyMeeting, councilMeeting, settingsFixture } from '../../../../shared/domain/minutes/recorded-meetings';
import { minutesSummaryHtml } from './minutes-summary';

const settings = settingsFixture();
const render = (meeting: MeetingDoc): string => minutesSummaryHtml({ meeting, settings });
const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
const text = (el: Element | Document | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('minutesSummaryHtml', () => {
  it('heading and the intro sentence: time, place, who held it, type, host, attendance', () => {
    const doc = parse(render(councilMeeting()));
    expect(text(doc.querySelector('h1'))).toBe('金山花园共建理事会会议纪要');
    expect(text(doc.querySelector('.subtitle'))).toBe('金山花园共建理事会会议（2026年11月25日）');
    expect(text(doc.querySelector('p.indent'))).toBe(
      '2026年11月25日19时30分至21时05分，金山花园小区共建理事会在金山社区党群服务站二楼会议室召开共建理事会会议。会议由党支部书记、理事长李建国主持，应到7人，实到5人。现将会议议定事项纪要如下：',
    );
  });

  it('decisions only, numbered, each with its counts and outcome; no discussion notes', () => {
    const doc = parse(render(councilMeeting()));
    expect(Array.from(doc.querySelectorAll('.decisions-list li')).map((li) => Array.from(li.children).map(text))).toEqual([
      [
        '一、同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.5万元；施工方案和预算在小区公示栏公示7日后实施。',
        '表决情况：同意4人，反对1人，弃权0人。表决结果：通过。',
      ],
    ]);
    expect(doc.body.textContent).not.toContain('飞线充电');
    expect(doc.body.textContent).not.toContain('电动自行车集中充电设施增设');
  });

  it('ends with 出席 / 请假 (with reasons) / 缺席 / 列席 lines, then the 落款 at the lower right', () => {
    const doc = parse(render(councilMeeting()));
    const signoff = doc.body.lastElementChild;
    expect(signoff?.className).toBe('signoff');
    // S7: the body that held the meeting, dated the day of 定稿 (Beijing time).
    expect(Array.from(signoff?.children ?? []).map(text)).toEqual(['金山花园小区共建理事会', '2026年11月26日']);
    const closing = signoff?.previousElementSibling;
    expect(closing?.className).toBe('closing');
    expect(Array.from(closing?.children ?? []).map(text)).toEqual([
      '出席：李建国（理事长）、张伟（业委会主任）、陈静（物业项目经理）、刘洋（共建单位代表）、赵敏（楼栋长代表）',
      '请假：孙强（外地出差）',
      '缺席：周丽',
      '列席：吴敏（小区法律顾问）',
    ]);
  });

  it('empty lists print 无; no 缺席 line when nobody was absent; no decisions is said so', () => {
    const m = councilMeeting();
    const doc = parse(
      render({
        ...m,
        attendees: m.attendees.filter((a) => a.status === 'present' && a.role === 'member'),
        topics: m.topics.map((t) => ({ ...t, resolutions: [] })),
      }),
    );
    expect(Array.from(doc.querySelector('.closing')?.children ?? []).map(text)).toEqual([
      '出席：李建国（理事长）、张伟（业委会主任）、陈静（物业项目经理）、刘洋（共建单位代表）、赵敏（楼栋长代表）',
      '请假：无',
      '列席：无',
    ]);
    expect(text(doc.querySelector('p.indent'))).toMatch(/本次会议未形成决议。$/);
    expect(doc.querySelector('.decisions-list')).toBeNull();
  });

  it('S6 业主大会: participation against the totals, never 应到0人，实到0人; no empty attendance lines', () => {
    const doc = parse(render(assemblyMeeting({ attendees: [] })));
    expect(text(doc.querySelector('p.indent'))).toBe(
      '2026年12月20日9时00分至11时30分，金山花园业主委员会在小区中心广场召开业主大会。会议由业委会主任张伟主持，' +
        '参与表决业主900人，占总人数75.0%；专有部分面积118,765.43 m²，占78.0%。现将会议议定事项纪要如下：',
    );
    expect(doc.body.textContent).not.toMatch(/应到|实到/);
    expect(doc.querySelector('.closing')).toBeNull();
  });

  it('业主大会 decisions carry the art. 278 item and the areas', () => {
    const li = parse(render(assemblyMeeting())).querySelector('.decisions-list li');
    expect(text(li?.children[1])).toBe(
      '表决事项：民法典第二百七十八条第（五）项：使用建筑物及其附属设施的维修资金。表决情况：同意620人（81,234.56 m²），反对200人（27,530.87 m²），弃权80人（10,000.00 m²）。表决结果：通过。',
    );
  });

  it('a draft says so, and its 落款 is dated the meeting day', () => {
    const doc = parse(render(councilMeeting({ status: 'draft', finalisedAt: undefined, finalisedBy: undefined })));
    expect(text(doc.querySelector('.subtitle'))).toBe('金山花园共建理事会会议（2026年11月25日）（草稿）');
    expect(text(doc.querySelector('.watermark'))).toBe('草稿');
    expect(text(doc.querySelector('.signoff'))).toBe('金山花园小区共建理事会2026年11月25日');
  });

  it('R1 only corrections of decisions: a 更正 of the notes or the whole record is not in the 纪要', () => {
    const doc = parse(
      render(
        councilMeeting({
          corrections: [
            { id: 'c1', kind: 'correction', at: '2026-11-27T02:15:00.000Z', by: '王晓梅', reason: '漏记', targetId: 't1', text: '陈静通报：路面破损约150平方米。' },
            { id: 'c2', kind: 'supplement', at: '2026-11-27T02:20:00.000Z', by: '王晓梅', reason: '补记', text: '补充<内容>' },
          ],
        }),
      ),
    );
    expect(doc.body.textContent).not.toMatch(/150平方米|补充<内容>|更正/);
    expect(doc.querySelector('.corrections')).toBeNull();
    expect(text(doc.querySelector('.signoff'))).toBe('金山花园小区共建理事会2026年11月26日');
  });

  it('R2 a corrected decision is stated as corrected: its text, its corrected vote and outcome, and when', () => {
    const r1 = councilMeeting().topics[0]?.resolutions?.[0];
    if (!r1) throw new Error('fixture');
    const doc = parse(
      render(
        councilMeeting({
          corrections: [
            {
              id: 'c1',
              kind: 'correction',
              at: '2026-11-27T02:15:00.000Z',
              by: '王晓梅',
              reason: '计票有误',
              targetId: 'r1',
              text: r1.text.replace('3.5万元', '3.8万元'),
              vote: { method: 'count', yes: 5, no: 0, abstain: 0 },
            },
            { id: 'c2', kind: 'supplement', at: '2026-11-28T02:15:00.000Z', by: '王晓梅', reason: '补记', targetId: 'r1', text: '施工期间保留一侧通行。' },
          ],
        }),
      ),
    );
    expect(Array.from(doc.querySelectorAll('.decisions-list li')).map((li) => Array.from(li.children).map(text))).toEqual([
      [
        `一、${r1.text.replace('3.5万元', '3.8万元')}`,
        '表决情况：同意5人，反对0人，弃权0人。表决结果：通过。',
        '（本决议于2026年11月27日更正表决情况，原因：计票有误。）',
        '补充（2026年11月28日）：施工期间保留一侧通行。',
      ],
    ]);
    expect(doc.body.textContent).not.toContain('3.5万元');
    expect(text(doc.querySelector('.signoff'))).toBe('金山花园小区共建理事会2026年11月28日');
  });

  it('escapes user text', () => {
    const m = councilMeeting({ hostName: '<script>x()</script>' });
    const html = render(m);
    expect(html).not.toContain('<script');
    expect(text(parse(html).querySelector('p.indent'))).toContain('会议由党支部书记、理事长<script>x()</script>主持');
  });
});
