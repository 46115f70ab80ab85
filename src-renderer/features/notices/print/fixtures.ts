// Fixed notices for the layout's tests (layout.test.ts) and the PDF tests (tests/integration/notices/pdf.test.ts),
// whose reference images are made from them: change one and the references must be reviewed and regenerated.
import type { NoticeDoc } from '../../../../shared/schema';

const T = '2026-11-28T02:00:00.000Z';
export const FIXTURE_SERVER = 'https://linli.example.org';

function base(over: Partial<NoticeDoc>): NoticeDoc {
  return {
    id: 'fixture',
    createdAt: T,
    updatedAt: T,
    createdBy: '王晓梅',
    updatedBy: '王晓梅',
    kind: 'notice',
    title: '通知',
    body: '',
    status: 'issued',
    issuedAt: T,
    issuedBy: '王晓梅',
    ...over,
  } as NoticeDoc;
}

/** A short 决议公告 with a seal: one page, the QR box beside the 署名. */
export const sealedResolution = (over: Partial<NoticeDoc> = {}): NoticeDoc =>
  base({
    id: 'n-resolution',
    kind: 'resolution',
    title: '关于东门至3号楼道路修缮的决议公告',
    addressees: '全体业主',
    body: [
      '2026年11月25日，金山花园小区业主委员会在社区党群服务站二楼会议室召开会议，应到委员7人，实到5人，符合议事规则规定的人数要求。',
      '会议审议了东门至3号楼道路破损修缮事项，表决情况：同意4人，反对1人，弃权0人。表决结果：通过。',
      '现将决议公告如下：同意由物业公司对东门至3号楼段道路进行修缮，费用从公共收益中列支，预算不超过人民币38,000元，施工期间做好安全围挡和通行引导。',
      '特此公告。',
    ].join('\n\n'),
    issuers: ['金山花园小区业主委员会'],
    issuerKey: 'owners_committee',
    issuePrefix: '金山业委',
    issueYear: 2026,
    issueSeq: 3,
    issueDate: '2026-11-28',
    postFrom: '2026-11-28',
    postUntil: '2026-12-04',
    contactName: '王晓梅',
    contactPhone: '13800138000',
    attachmentNames: ['东门至3号楼道路修缮预算表'],
    sealed: true,
    paper: 'A4',
    public: true,
    publicCode: 'Ab3dEf7hJk9m',
    ...over,
  });

const LONG_PARAGRAPHS = [
  '为进一步做好本小区冬季消防安全工作，切实保障广大业主的生命财产安全，根据《中华人民共和国消防法》和本市有关规定，经小区党支部、业主委员会研究，决定于2026年12月在全小区开展冬季消防安全专项整治行动。现将有关事项通知如下。',
  '一、整治时间。2026年12月1日至2026年12月31日，分宣传发动、排查整改、检查验收三个阶段进行。',
  '二、整治范围。小区全部住宅楼的楼道、地下室、自行车库、电动自行车集中充电区域、配电房、消防控制室及小区内各类商铺。',
  '三、整治内容。（一）清理楼道、安全出口和疏散通道内堆放的杂物，严禁在楼道内停放电动自行车或为其充电；（二）检查室内消火栓、灭火器、应急照明和疏散指示标志是否完好有效；（三）排查私拉乱接电线、飞线充电等违规用电行为；（四）检查消防车通道是否畅通，严禁占用、堵塞消防车通道。',
  '四、工作要求。各楼栋长要认真组织本楼栋住户自查自纠，做好入户宣传和登记工作；物业服务企业要配齐配强消防设施，落实二十四小时值班制度，对排查发现的问题建立台账，限期整改，整改情况每周报业主委员会；请广大业主积极配合，自觉清理个人物品，共同营造安全整洁的居住环境。',
  '五、监督举报。对拒不整改或者整改不到位的，业主委员会将会同社区居委会、街道消防工作站依法处理。业主发现消防安全隐患，可以向物业服务中心或者业主委员会反映，也可以拨打119报警。',
  '本次整治行动结束后，业主委员会将对整治情况进行总结，并将检查结果在小区公告栏公示。',
];

/** A long 通知 of two issuers without a seal: runs onto page 2. */
export const longJointNotice = (over: Partial<NoticeDoc> = {}): NoticeDoc =>
  base({
    id: 'n-long',
    kind: 'notice',
    title: '关于开展小区冬季消防安全专项整治行动的通知',
    addressees: '各楼栋长、全体业主、物业服务中心',
    body: [...LONG_PARAGRAPHS, ...LONG_PARAGRAPHS.slice(3, 6), '特此通知。'].join('\n\n'),
    issuers: ['中共金山花园小区支部委员会', '金山花园小区业主委员会'],
    issuerKey: 'branch',
    issuePrefix: '金山党支',
    issueYear: 2026,
    issueSeq: 12,
    issueDate: '2026-11-28',
    postFrom: '2026-11-28',
    postUntil: '2026-12-31',
    contactName: '李建国',
    contactPhone: '0571-88886666',
    attachmentNames: ['冬季消防安全隐患排查登记表', '电动自行车集中充电区域分布图'],
    sealed: false,
    paper: 'A4',
    public: true,
    publicCode: 'Qr7sTu2vWx4y',
    ...over,
  });

/** A 财务收支公示 with its figures as a table, unsealed. */
export const financeDisclosure = (over: Partial<NoticeDoc> = {}): NoticeDoc =>
  base({
    id: 'n-finance',
    kind: 'finance',
    title: '金山花园小区2026年第三季度公共收益收支情况公示',
    body: [
      '根据《金山花园小区业主大会议事规则》和公共收益管理办法，现将本小区2026年第三季度（7月1日至9月30日）公共收益收支情况公示如下。',
    ].join('\n\n'),
    tables: [
      {
        caption: '公共收益收支明细表（单位：元）',
        columns: ['项目', '备注', '本期金额', '本年累计'],
        numericFrom: 2,
        rows: [
          ['期初余额', '', '¥125,430.18', '¥98,210.55'],
          ['一、本期收入', '', '¥46,820.00', '¥139,460.00'],
          ['电梯广告收入', '分众传媒', '¥18,000.00', '¥54,000.00'],
          ['停车场地占用费', '地面车位48个', '¥26,400.00', '¥79,200.00'],
          ['快递柜场地费', '', '¥2,420.00', '¥6,260.00'],
          ['二、本期支出', '', '¥31,615.50', '¥97,035.87'],
          ['东门道路修缮', '金山业委〔2026〕3号', '¥28,600.00', '¥28,600.00'],
          ['业委会办公经费', '打印、文具', '¥1,215.50', '¥3,835.87'],
          ['公告栏维护', '', '¥1,800.00', '¥1,800.00'],
          ['期末余额', '银行存款', '¥140,634.68', '¥140,634.68'],
        ],
      },
    ],
    issuers: ['金山花园小区业主委员会'],
    issuerKey: 'owners_committee',
    issuePrefix: '金山业委',
    issueYear: 2026,
    issueSeq: 4,
    issueDate: '2026-10-10',
    postFrom: '2026-10-10',
    postUntil: '2026-10-24',
    contactName: '赵敏',
    contactPhone: '13900139000',
    sealed: false,
    paper: 'A4',
    public: true,
    publicCode: 'Fn4cE5pQ6rS7',
    ...over,
  });

/**
 * A 通知 whose text fills page 1 to the last of its 22 lines (title 1, 文号 1, blank 1, 主送 1, four paragraphs of
 * four lines, 公示期 1, contact 1): the 署名 and date must not go over to page 2 on their own.
 */
export const pageFullNotice = (over: Partial<NoticeDoc> = {}): NoticeDoc =>
  base({
    id: 'n-full',
    kind: 'notice',
    title: '关于小区地面停车位编号管理的通知',
    addressees: '全体业主',
    // Each paragraph is 94–98 characters, all full-width: four lines of 26 + 28 + 28 + the rest, no line starting
    // with punctuation.
    body: [
      '为规范小区停车秩序，保障消防通道畅通，经业主委员会研究决定，自下月起对小区地面停车位实行统一编号管理。请各位车主携带行驶证和房产证明到物业服务中心办理登记手续，领取车位编号牌，并按照编号停放车辆。',
      '登记时间为每日上午九时至十一时、下午二时至五时，节假日照常办理。已经办理临时停车证的车主，请在登记时交回临时停车证，由物业服务中心统一换发新证。逾期仍未办理登记的车辆，将不能进入小区停放。',
      '小区消防车通道、楼道出入口、绿化带和人行道上一律不得停放车辆。对违规停放的车辆，物业服务中心将先行电话提醒，经提醒后仍不驶离的，将会同社区居委会和交警部门依法依规处理，由此产生的费用由车主承担。',
      '车位编号管理实施后，业主委员会将定期听取业主意见，不断完善停车管理办法。请广大业主相互转告，积极配合，共同维护安全有序、文明整洁的小区环境。对本通知有疑问的，请在工作时间到业委会办公室咨询。',
    ].join('\n\n'),
    issuers: ['金山花园小区业主委员会'],
    issuerKey: 'owners_committee',
    issuePrefix: '金山业委',
    issueYear: 2026,
    issueSeq: 7,
    issueDate: '2026-11-30',
    postFrom: '2026-12-01',
    postUntil: '2026-12-15',
    contactName: '王晓梅',
    contactPhone: '13800138000',
    sealed: false,
    paper: 'A4',
    public: true,
    publicCode: 'Pk2mN3bV4cX5',
    ...over,
  });
