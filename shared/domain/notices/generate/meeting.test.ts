import { describe, expect, it } from 'vitest';
import { meetingNotice, meetingNoticeDataHash } from './meeting';
import { assemblyMeeting, plannedMeeting, settingsFixture } from './fixtures';
import { sourceChanged } from './common';
import { expectStorableAndIssuable } from './schema-check.testing';

const settings = settingsFixture();

describe('meetingNotice (N43)', () => {
  it('a planned 共建理事会会议: time, place, agenda, who attends, issued by the council', () => {
    const m = plannedMeeting();
    const n = meetingNotice({ meeting: m, settings, issueDate: '2026-11-28' });
    expect(n).toEqual({
      kind: 'meeting',
      status: 'draft',
      title: '关于召开共建理事会会议的通知',
      addressees: '各共建理事会成员单位及理事',
      body: [
        '金山花园小区共建理事会定于2026年12月5日（星期六）19时30分至21时05分在金山社区党群服务站二楼会议室召开共建理事会会议，现将有关事项通知如下：',
        '一、会议时间：2026年12月5日（星期六）19时30分至21时05分',
        '二、会议地点：金山社区党群服务站二楼会议室',
        '三、会议议题：\n（一）东门至3号楼道路破损修缮\n（二）电动自行车集中充电设施增设',
        '四、参会人员：李建国（理事长）、张伟（业委会主任）、陈静（物业项目经理）、刘洋（共建单位代表）、赵敏（楼栋长代表）、孙强（社会组织代表）、周丽（居民代表）；列席：吴敏（小区法律顾问）',
        '请参会人员准时出席；因故不能参加的，请提前向会议召集人请假。',
        '特此通知。',
      ].join('\n\n'),
      issuers: ['金山花园小区共建理事会'],
      issuerKey: 'council',
      issuePrefix: '金山共建',
      issueDate: '2026-11-28',
      source: { meetingId: 'm-2026-11-25', dataHash: meetingNoticeDataHash(m) },
    });
    expectStorableAndIssuable(n);
  });

  it.each([
    ['业主大会: all owners, the 业委会 issues', assemblyMeeting(), '四、参会人员：全体业主（业主可书面委托代理人参加）', 'owners_committee', '全体业主'],
    ['支委会: the branch issues', plannedMeeting({ type: 'branch_committee' }), '召开支委会', 'branch', '各位支委'],
  ] as const)('%s', (_n, meeting, text, key, addressees) => {
    const n = meetingNotice({ meeting, settings, issueDate: '2026-11-28' });
    expect(n.body).toContain(text);
    expect(n.issuerKey).toBe(key);
    expect(n.addressees).toBe(addressees);
  });

  it('without time, place or agenda: the date alone, 另行通知', () => {
    const n = meetingNotice({ meeting: plannedMeeting({ startTime: undefined, endTime: undefined, location: ' ', topics: [] }), settings, issueDate: '2026-11-28' });
    expect(n.body).toContain('一、会议时间：2026年12月5日（星期六）\n\n二、会议地点：另行通知\n\n三、会议议题：另行通知');
  });

  it('the data hash changes with the time, place, agenda or attendees, not with notes', () => {
    const m = plannedMeeting();
    const n = meetingNotice({ meeting: m, settings, issueDate: '2026-11-28' });
    expect(sourceChanged(n, meetingNoticeDataHash({ ...m, topics: m.topics.map((t) => ({ ...t, notes: '记了点' })) }))).toBe(false);
    expect(sourceChanged(n, meetingNoticeDataHash({ ...m, startTime: '19:00' }))).toBe(true);
    expect(sourceChanged(n, meetingNoticeDataHash({ ...m, location: '小区议事厅' }))).toBe(true);
    expect(sourceChanged(n, meetingNoticeDataHash({ ...m, topics: m.topics.slice(1) }))).toBe(true);
  });
});
