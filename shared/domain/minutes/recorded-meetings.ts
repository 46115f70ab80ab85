// Test data (imported only by tests): a 共建理事会会议 as a secretary would record it, and a 业主大会 with areas that
// exercise every digit of the m² formatting. Used by the minutes' print tests and the notice generators' tests.
import type { MeetingDoc, SettingsDoc } from '../../schema';

const T0 = '2026-11-25T08:00:00.000Z';
const base = { createdAt: T0, updatedAt: T0, createdBy: '王晓梅', updatedBy: '王晓梅' };

export const settingsFixture = (over: Partial<SettingsDoc> = {}): SettingsDoc => ({
  id: 'compound',
  ...base,
  compoundName: '金山花园',
  street: '城南街道',
  community: '金山社区',
  branchName: '中共金山花园小区支部委员会',
  ownersCommitteeName: '金山花园业主委员会',
  councilName: '金山花园小区共建理事会',
  ...over,
});

const SIMPLE_MAJORITY = {
  quorum: { num: 1, den: 2, inclusive: false },
  pass: { num: 1, den: 2, inclusive: false },
  passBase: 'present' as const,
};

/** 7 理事 (5 present, 孙强 on leave, 周丽 absent), 律师 吴敏 列席; two 议题, one decision passed 4/1/0. */
export const councilMeeting = (over: Partial<MeetingDoc> = {}): MeetingDoc => ({
  id: 'm-2026-11-25',
  ...base,
  title: '金山花园共建理事会会议（2026年11月25日）',
  type: 'council',
  status: 'final',
  date: '2026-11-25',
  startTime: '19:30',
  endTime: '21:05',
  location: '金山社区党群服务站二楼会议室',
  hostName: '李建国',
  hostPost: '党支部书记、理事长',
  recorderName: '王晓梅',
  attendees: [
    { id: 'a1', personId: 'p1', name: '李建国', post: '理事长', party: 'branch', role: 'member', status: 'present' },
    { id: 'a2', personId: 'p2', name: '张伟', post: '业委会主任', party: 'owners_committee', role: 'member', status: 'present' },
    { id: 'a3', personId: 'p3', name: '陈静', post: '物业项目经理', party: 'property', role: 'member', status: 'present' },
    { id: 'a4', personId: 'p4', name: '刘洋', post: '共建单位代表', party: 'co_builder', role: 'member', status: 'present' },
    { id: 'a5', personId: 'p5', name: '赵敏', post: '楼栋长代表', party: 'resident_group', role: 'member', status: 'present' },
    { id: 'a6', personId: 'p6', name: '孙强', post: '社会组织代表', party: 'social_org', role: 'member', status: 'leave', reason: '外地出差' },
    { id: 'a7', personId: 'p7', name: '周丽', post: '居民代表', role: 'member', status: 'absent' },
    { id: 'g1', name: '吴敏', post: '小区法律顾问', role: 'guest', status: 'present' },
  ],
  topics: [
    {
      id: 't1',
      title: '东门至3号楼道路破损修缮',
      notes: [
        '陈静通报：东门至3号楼段路面破损约120平方米，雨天积水，已有两位老人滑倒。',
        '张伟：建议费用从小区公共收益中列支，不动用专项维修资金；施工前应公示方案和预算。',
        '赵敏：施工期间须保留一侧通行，避开早晚高峰，并提前在楼栋群通知。',
        '刘洋：共建单位可协调施工围挡和夜间照明。',
      ].join('\n'),
      speakers: ['陈静', '张伟', '赵敏', '刘洋'],
      resolutions: [
        {
          id: 'r1',
          text: '同意由物业公司对东门至3号楼段道路进行修缮，费用从小区公共收益中列支，预算不超过3.5万元；施工方案和预算在小区公示栏公示7日后实施。',
          vote: { method: 'count', yes: 4, no: 1, abstain: 0 },
          actionItems: [
            { id: 'i1', title: '编制施工方案和预算并公示', leadParty: 'property', coParties: ['owners_committee'], ownerName: '陈静', dueDate: '2026-12-10' },
          ],
        },
      ],
    },
    {
      id: 't2',
      title: '电动自行车集中充电设施增设',
      notes: ['赵敏反映：5号、7号楼仍有居民飞线充电，存在消防隐患。', '陈静：已联系两家充电桩运营商，报价下周提供。', '会议意见：待报价和选址方案提交后，下次会议再议。'].join('\n'),
      speakers: ['赵敏', '陈静'],
      resolutions: [],
    },
  ],
  totalMembers: 7,
  voteRule: SIMPLE_MAJORITY,
  finalisedAt: '2026-11-26T01:30:00.000Z',
  finalisedBy: '王晓梅',
  ...over,
});

/**
 * 业主大会 on 使用维修资金 (art. 278 item 5, 过半数): 1,200 owners holding 152,345.67 m²; 900 owners with
 * 118,765.43 m² take part; 620 owners with 81,234.56 m² agree.
 */
export const assemblyMeeting = (over: Partial<MeetingDoc> = {}): MeetingDoc => ({
  id: 'm-assembly',
  ...base,
  title: '金山花园2026年第一次业主大会',
  type: 'owners_assembly',
  status: 'final',
  date: '2026-12-20',
  startTime: '09:00',
  endTime: '11:30',
  location: '小区中心广场',
  hostName: '张伟',
  hostPost: '业委会主任',
  recorderName: '王晓梅',
  attendees: [
    { id: 'b1', name: '张伟', post: '业委会主任', role: 'member', status: 'present' },
    { id: 'b2', name: '黄磊', post: '业委会委员', role: 'member', status: 'present' },
  ],
  topics: [
    {
      id: 't1',
      title: '使用专项维修资金更换3号、5号楼电梯',
      notes: '业委会说明更换方案、报价比选和资金测算。',
      resolutions: [
        {
          id: 'r1',
          text: '同意使用专项维修资金更换3号、5号楼电梯，总额不超过96万元。',
          matter: 'art278_5',
          vote: { method: 'count', yes: 620, no: 200, abstain: 80, yesAreaDm2: 8_123_456, noAreaDm2: 2_753_087, abstainAreaDm2: 1_000_000 },
        },
      ],
    },
  ],
  totalAreaDm2: 15_234_567,
  totalOwners: 1200,
  participatingAreaDm2: 11_876_543,
  participatingOwners: 900,
  finalisedAt: '2026-12-20T06:00:00.000Z',
  finalisedBy: '王晓梅',
  ...over,
});
