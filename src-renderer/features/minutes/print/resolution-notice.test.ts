import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { meetingOutcomes, type VoteOutcome } from '../../../../shared/domain/minutes';
import { noticesSchemaLiteral, type MeetingDoc, type NoticeDoc } from '../../../../shared/schema';
import { assemblyMeeting, councilMeeting, settingsFixture } from '../../../../shared/domain/minutes/recorded-meetings';
import { decisionGist, noticeIssuers, resolutionNoticeDraft, resolutionNoticeHtml } from './resolution-notice';

const settings = settingsFixture();
const draftFor = (meeting: MeetingDoc, outcome?: (o: VoteOutcome) => VoteOutcome) => {
  const resolution = meeting.topics[0]?.resolutions?.[0];
  const computed = meetingOutcomes(meeting, settings).r1;
  if (!resolution || !computed) throw new Error('fixture');
  return resolutionNoticeDraft({ meeting, resolution, outcome: outcome ? outcome(computed) : computed, settings, issueDate: '2026-11-27' });
};

describe('resolutionNoticeDraft', () => {
  it('a passed decision: title, paragraphs, 落款 and the captured decision and vote', () => {
    expect(draftFor(councilMeeting())).toEqual({
      kind: 'resolution',
      status: 'draft',
      title: '关于由物业公司对东门至3号楼段道路进行修缮的决议公告',
      body: [
        '2026年11月25日，金山花园小区共建理事会在金山社区党群服务站二楼会议室召开共建理事会会议，应到7人，实到5人，会议就“东门至3号楼道路破损修缮”进行了审议和表决。',
        '会议表决通过如下决议：',
        '同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.5万元；施工方案和预算在小区公示栏公示7日后实施。',
        '表决情况：同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）。',
        '特此公告。',
      ].join('\n\n'),
      issuers: ['中共金山花园小区支部委员会', '金山花园小区共建理事会'],
      issueDate: '2026-11-27',
      source: {
        meetingId: 'm-2026-11-25',
        resolutionId: 'r1',
        resolutionText:
          '同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.5万元；施工方案和预算在小区公示栏公示7日后实施。',
        voteSummary: '同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）',
      },
    });
  });

  it('is a valid notice once the caller adds id and audit fields (the schema allows nothing extra)', () => {
    const stamp = { id: 'n1', createdAt: '2026-11-27T01:00:00.000Z', updatedAt: '2026-11-27T01:00:00.000Z', createdBy: '王晓梅', updatedBy: '王晓梅' };
    const doc: NoticeDoc = { ...draftFor(assemblyMeeting()), ...stamp };
    const validate = new Ajv({ strict: false }).compile(noticesSchemaLiteral);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('pure: no ids or times generated, same input → same draft', () => {
    const a = draftFor(councilMeeting());
    expect(a).toEqual(draftFor(councilMeeting()));
    expect(Object.keys(a)).not.toEqual(expect.arrayContaining(['id']));
    expect(Object.keys(a).sort()).toEqual(['body', 'issueDate', 'issuers', 'kind', 'source', 'status', 'title']);
  });

  it('业主大会: participation and areas in the body and the vote summary', () => {
    const d = draftFor(assemblyMeeting());
    expect(d.title).toBe('关于使用专项维修资金更换3号、5号楼电梯的决议公告');
    expect(d.body).toContain('参与表决业主900人，占总人数75.0%；专有部分面积118,765.43 m²，占78.0%');
    expect(d.source.voteSummary).toBe(
      '同意620人（81,234.56 m²），反对200人（27,530.87 m²），弃权80人（10,000.00 m²）；通过（参与表决面积 118,765.43/152,345.67 m² ≥ 2/3；参与表决业主 900/1200 ≥ 2/3；同意面积 81,234.56/118,765.43 m² > 1/2；同意业主 620/900 > 1/2）',
    );
    expect(d.issuers).toEqual(['中共金山花园小区支部委员会', '金山花园业主委员会']);
  });

  it('a decision that did not pass is never announced as a 决议', () => {
    const d = draftFor(councilMeeting(), (o) => ({ ...o, outcome: 'failed' }));
    expect(d.title).toBe('关于由物业公司对东门至3号楼段道路进行修缮表决结果的公告');
    expect(d.body).toContain('提交表决的事项如下：');
    expect(d.body).not.toContain('会议表决通过');
    expect(d.source.voteSummary).toMatch(/；未通过（/);
  });

  it('issuers: the branch, then the body; missing names are left out, duplicates once', () => {
    expect(noticeIssuers({ type: 'owners_committee' }, settings)).toEqual(['中共金山花园小区支部委员会', '金山花园业主委员会']);
    expect(noticeIssuers({ type: 'council' }, settingsFixture({ councilName: undefined }))).toEqual(['中共金山花园小区支部委员会', '金山花园业主委员会']);
    expect(noticeIssuers({ type: 'six_party' }, settingsFixture({ branchName: ' ', ownersCommitteeName: undefined }))).toEqual(['金山花园小区共建理事会']);
  });

  it.each<[string, string, string]>([
    ['同意由物业公司对东门道路进行修缮，费用从公共收益列支。', '道路', '由物业公司对东门道路进行修缮'],
    ['会议决定：成立电梯加装工作小组', '电梯', '成立电梯加装工作小组'],
    ['同意。', '增设电动自行车充电设施', '增设电动自行车充电设施'],
    ['同意' + '甲'.repeat(40), '', '甲'.repeat(30)],
  ])('decisionGist(%s)', (text, topic, expected) => expect(decisionGist(text, topic)).toBe(expected));
});

describe('resolutionNoticeHtml', () => {
  const html = resolutionNoticeHtml({
    title: '关于东门道路修缮的<决议>公告',
    body: '第一段。\n\n第二段，\n换行。',
    issuers: ['中共金山花园小区支部委员会', '金山花园业主委员会'],
    issueDate: '2026-11-26',
    postFrom: '2026-11-26',
    postUntil: '2026-12-02',
    draft: true,
  });
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const t = (el: Element | null): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

  it('N1 title, paragraphs, and the 落款 (bodies, then the date) at the end; text escaped', () => {
    expect(html).not.toContain('<决议>');
    expect(t(doc.querySelector('h1'))).toBe('关于东门道路修缮的<决议>公告');
    expect(Array.from(doc.querySelectorAll('p.indent')).map((p) => p.textContent)).toEqual(['第一段。', '第二段，\n换行。']);
    expect(Array.from(doc.querySelectorAll('.signoff p')).map(t)).toEqual(['中共金山花园小区支部委员会', '金山花园业主委员会', '2026年11月26日']);
    expect(t(doc.querySelector('.post-period'))).toBe('张贴期：2026年11月26日至2026年12月2日');
    expect(t(doc.querySelector('.watermark'))).toBe('草稿');
  });
});
