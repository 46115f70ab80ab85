import { describe, expect, it } from 'vitest';
import { meetingOutcomes, type VoteOutcome } from '../../minutes';
import type { MeetingDoc } from '../../../schema';
import { assemblyMeeting, councilMeeting, settingsFixture } from './fixtures';
import { decisionGist, meetingResolutionsNotice, noticeIssuers, resolutionDataHash, resolutionNotice } from './resolution';
import { sourceChanged } from './common';
import { expectStorableAndIssuable } from './schema-check.testing';

const settings = settingsFixture();
const noticeFor = (meeting: MeetingDoc, outcome?: (o: VoteOutcome) => VoteOutcome) => {
  const resolution = meeting.topics[0]?.resolutions?.[0];
  const computed = meetingOutcomes(meeting, settings).r1;
  if (!resolution || !computed) throw new Error('fixture');
  return resolutionNotice({ meeting, resolution, outcome: outcome ? outcome(computed) : computed, settings, issueDate: '2026-11-27' });
};
const hashFor = (meeting: MeetingDoc) => resolutionDataHash(meeting, meeting.topics[0]!.resolutions![0]!, meetingOutcomes(meeting, settings).r1!);

describe('resolutionNotice (N40–N42)', () => {
  it('pure: no ids or times generated, same input → same draft', () => {
    const a = noticeFor(councilMeeting());
    expect(a).toEqual(noticeFor(councilMeeting()));
    expect(Object.keys(a)).not.toEqual(expect.arrayContaining(['id']));
  });

  it('a passed decision: title, paragraphs, 落款, 文号 fields and the captured decision, vote and data hash', () => {
    const n = noticeFor(councilMeeting());
    expect(n).toEqual({
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
      issuerKey: 'branch',
      issuePrefix: '金山党支',
      issueDate: '2026-11-27',
      source: {
        meetingId: 'm-2026-11-25',
        resolutionId: 'r1',
        resolutionText:
          '同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.5万元；施工方案和预算在小区公示栏公示7日后实施。',
        voteSummary: '同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）',
        dataHash: hashFor(councilMeeting()),
      },
    });
    expect(n.source?.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expectStorableAndIssuable(n);
  });

  it('业主大会: participation and areas in the body and the vote summary', () => {
    const n = noticeFor(assemblyMeeting());
    expect(n.title).toBe('关于使用专项维修资金更换3号、5号楼电梯的决议公告');
    expect(n.body).toContain('参与表决业主900人，占总人数75.0%；专有部分面积118,765.43 m²，占78.0%');
    expect(n.source?.voteSummary).toBe(
      '同意620人（81,234.56 m²），反对200人（27,530.87 m²），弃权80人（10,000.00 m²）；通过（参与表决面积 118,765.43/152,345.67 m² ≥ 2/3；参与表决业主 900/1200 ≥ 2/3；同意面积 81,234.56/118,765.43 m² > 1/2；同意业主 620/900 > 1/2）',
    );
    expect(n.issuers).toEqual(['中共金山花园小区支部委员会', '金山花园业主委员会']);
    expectStorableAndIssuable(n);
  });

  it('a decision that did not pass is never announced as a 决议', () => {
    const n = noticeFor(councilMeeting(), (o) => ({ ...o, outcome: 'failed' }));
    expect(n.title).toBe('关于由物业公司对东门至3号楼段道路进行修缮表决结果的公告');
    expect(n.body).toContain('提交表决的事项如下：');
    expect(n.body).not.toContain('会议表决通过');
  });

  it.each([
    ['no branch: the body of a council meeting', { branchName: ' ' }, 'council', '金山共建'],
    ['no branch, no council: the 业委会', { branchName: undefined, councilName: undefined }, 'owners_committee', '金山业委'],
  ] as const)('the 主办 is the first issuer: %s', (_n, over, key, prefix) => {
    const s = settingsFixture(over);
    const m = councilMeeting();
    const n = resolutionNotice({ meeting: m, resolution: m.topics[0]!.resolutions![0]!, outcome: meetingOutcomes(m, s).r1!, settings: s, issueDate: '2026-11-27' });
    expect([n.issuerKey, n.issuePrefix]).toEqual([key, prefix]);
  });

  it('issuers: the branch, then the body; missing names left out, duplicates once', () => {
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

  it('N41 the data hash follows the decision, its vote, the attendance and corrections about it — not the notes', () => {
    const m = councilMeeting();
    const h = hashFor(m);
    const r1 = m.topics[0]!.resolutions![0]!;
    const withResolution = (over: object) => ({ ...m, topics: [{ ...m.topics[0]!, resolutions: [{ ...r1, ...over }] }, m.topics[1]!] });
    expect(hashFor({ ...m, topics: [{ ...m.topics[0]!, notes: '改了讨论' }, m.topics[1]!] })).toBe(h);
    expect(hashFor(withResolution({ text: `${r1.text}（修订）` }))).not.toBe(h);
    expect(hashFor(withResolution({ vote: { method: 'count', yes: 5, no: 0, abstain: 0 } }))).not.toBe(h);
    expect(hashFor({ ...m, attendees: m.attendees.map((a) => (a.id === 'a6' ? { ...a, status: 'present' as const } : a)) })).not.toBe(h);
    const corrected = { ...m, corrections: [{ id: 'c1', kind: 'correction' as const, at: '2026-11-27T01:00:00.000Z', by: '王晓梅', reason: '笔误', targetId: 'r1', text: '预算不超过3万元' }] };
    expect(hashFor(corrected)).not.toBe(h);
    expect(sourceChanged(noticeFor(m), hashFor(corrected))).toBe(true);
    expect(sourceChanged(noticeFor(m), h)).toBe(false);
  });
});

describe('meetingResolutionsNotice (N40)', () => {
  const twoDecisions = (): MeetingDoc => {
    const m = councilMeeting();
    return {
      ...m,
      topics: [
        m.topics[0]!,
        { ...m.topics[1]!, resolutions: [{ id: 'r2', text: '暂缓增设充电设施，待报价后再议。', vote: { method: 'count', yes: 2, no: 3, abstain: 0 } }] },
      ],
    };
  };

  it('numbers the decisions passed, then those not passed, each with its vote', () => {
    const m = twoDecisions();
    const n = meetingResolutionsNotice({ meeting: m, outcomes: meetingOutcomes(m, settings), settings, issueDate: '2026-11-27' });
    expect(n?.title).toBe('关于2026年11月25日共建理事会会议决议事项的公告');
    expect(n?.body.split('\n\n')).toEqual([
      '2026年11月25日，金山花园小区共建理事会在金山社区党群服务站二楼会议室召开共建理事会会议，应到7人，实到5人，对2项事项进行了审议和表决。',
      '会议表决通过如下决议：',
      '一、同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.5万元；施工方案和预算在小区公示栏公示7日后实施。',
      '表决情况：同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）。',
      '以下事项未获通过：',
      '一、暂缓增设充电设施，待报价后再议。',
      '表决情况：同意2人，反对3人，弃权0人；未通过（出席 5/7 > 1/2；同意 2/5 ≤ 1/2）。',
      '特此公告。',
    ]);
    expect(n?.source).toMatchObject({ meetingId: m.id, resolutionIds: ['r1', 'r2'] });
    expectStorableAndIssuable(n!);
  });

  it('nothing to announce without decisions', () => {
    const m = { ...councilMeeting(), topics: councilMeeting().topics.map((t) => ({ ...t, resolutions: [] })) };
    expect(meetingResolutionsNotice({ meeting: m, outcomes: {}, settings, issueDate: '2026-11-27' })).toBeNull();
  });
});
