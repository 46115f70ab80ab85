// The compound bench/tasks.ts loads: a roster of the six parties, N 六方联动 tasks built through the domain's own
// builders (newTask + applyAction, so every status is reached by a legal chain the server accepts on push) and M
// progress-log entries (a status entry per transition, the 催办/上报 entries due by today, the rest 进展/备注).
// Deterministic for a given seed and today.
import { addCalendarDays, type LocalDate } from '../shared/domain/common/dates';
import type { Stamp } from '../shared/domain/common/stamp';
import { applyAction, compoundCalendar, escalationEntries, newTask, progressEntry, statusEntry } from '../shared/domain/tasks';
import type { Task, TaskActor, TaskInput, TaskRoster } from '../shared/domain/tasks/types';
import type { Party, RosterDoc, TaskAction, TaskDoc, TaskStatus, TaskUpdateDoc } from '../shared/schema';
import { PARTIES } from '../shared/schema';

import { mulberry32 } from './random';

export { mulberry32 };

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
/** Weighted choice: [[value, weight], …]. */
function weighted<T>(r: Rand, xs: readonly (readonly [T, number])[]): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of xs) if ((x -= w) < 0) return v;
  return xs[xs.length - 1]![0];
}
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = ['建国', '秀英', '丽华', '志强', '桂兰', '海燕', '卫东', '淑珍', '明', '静', '磊', '婷', '伟', '芳', '军', '敏', '勇', '艳', '杰', '娟', '涛', '霞', '超', '红梅', '国平', '玉兰', '晓东', '春生', '小红', '德华'];

const ORGS: Record<Party, readonly string[]> = {
  branch: ['幸福里社区党支部', '幸福里小区第一党小组'],
  owners_committee: ['幸福里小区业主委员会'],
  property: ['安居物业服务有限公司', '绿城保安服务公司'],
  social_org: ['和美社工服务中心', '夕阳红为老服务社', '青苗亲子志愿者协会'],
  co_builder: ['区城管执法中队', '区人民医院社区门诊', '明德中学', '国网供电所', '区住建局房管所'],
  resident_group: ['第一居民小组', '第二居民小组', '第三居民小组', '第四居民小组', '第五居民小组'],
};
const PEOPLE_PER_PARTY: Record<Party, number> = { branch: 8, owners_committee: 9, property: 18, social_org: 10, co_builder: 15, resident_group: 20 };

const PROBLEMS: readonly { title: string; tags: readonly string[]; category: string; desc: string }[] = [
  { title: '楼道灯不亮', tags: ['楼道照明'], category: '公共设施', desc: '居民反映楼道声控灯损坏多日，夜间上下楼不便，老人曾在楼梯间摔倒，需物业尽快更换灯具并检查线路。' },
  { title: '电梯频繁故障', tags: ['电梯', '安全隐患'], category: '电梯', desc: '本月电梯已停运三次，一次困人二十分钟，维保单位响应慢，居民要求查明原因并更换老化部件。' },
  { title: '地下车库渗水', tags: ['漏水', '停车'], category: '房屋维修', desc: '雨后地下车库顶板多处渗水，车辆被淋，墙面发霉，需查找渗漏点并使用专项维修资金维修。' },
  { title: '垃圾分类投放点异味', tags: ['垃圾分类', '环境卫生'], category: '环境卫生', desc: '投放点清运不及时，夏季异味严重，周边住户投诉，需调整清运时间并增设洗手池和除臭设备。' },
  { title: '消防通道被占用', tags: ['消防通道', '安全隐患', '停车'], category: '消防安全', desc: '东侧消防通道长期停放私家车和电动车，消防车无法通行，需联合城管执法清理并划线设置警示标志。' },
  { title: '外墙瓷砖脱落', tags: ['外墙', '安全隐患'], category: '房屋维修', desc: '外墙瓷砖有脱落，楼下为人行通道，存在高空坠物风险，需先设置围挡，再组织专业单位检测维修。' },
  { title: '加装电梯意见征询', tags: ['加装电梯', '适老化'], category: '加装电梯', desc: '单元居民提出加装电梯申请，需组织意见征询、协调低层住户、对接住建部门审批和资金分摊方案。' },
  { title: '电动自行车充电桩不足', tags: ['充电桩', '消防通道'], category: '公共设施', desc: '充电桩数量不足，居民飞线充电、电瓶上楼现象突出，需与供电所协商增容并新建集中充电棚。' },
  { title: '绿化带杂草丛生', tags: ['绿化'], category: '环境卫生', desc: '中心绿地长期缺乏养护，杂草过膝，蚊虫滋生，需物业制定养护计划并公示养护频次。' },
  { title: '夜间施工噪音扰民', tags: ['噪音'], category: '邻里纠纷', desc: '装修住户夜间施工，影响周边居民休息，经多次劝说无效，需物业约谈并请调解员介入调解。' },
  { title: '高空抛物', tags: ['高空抛物', '安全隐患'], category: '安全', desc: '楼下多次发现从高层抛下的杂物，险些砸伤行人，需加装高空监控摄像头并入户宣传。' },
  { title: '公共收益账目公开', tags: ['公共收益', '物业费'], category: '财务公开', desc: '业主要求公开广告位、停车位等公共收益的收支明细，业委会需督促物业按季度张贴公示。' },
  { title: '化粪池堵塞外溢', tags: ['排水', '环境卫生'], category: '房屋维修', desc: '化粪池堵塞，污水外溢至路面，气味难闻，需立即疏通并制定定期清掏计划。' },
  { title: '监控探头损坏', tags: ['安防监控'], category: '安全', desc: '部分监控探头损坏或角度偏移，发生车辆剐蹭后无法调取录像，需全面排查并修复。' },
  { title: '路面坑洼积水', tags: ['路面破损'], category: '公共设施', desc: '小区主干道路面破损，雨天积水严重，老人和孩子出行不便，需修补路面并疏通雨水井。' },
  { title: '群租房安全隐患', tags: ['群租', '安全隐患'], category: '安全', desc: '有住户将房屋隔断分租，人员流动大，消防隐患突出，需联合派出所和房管所排查整治。' },
  { title: '独居老人定期探访', tags: ['适老化', '志愿服务'], category: '为老服务', desc: '独居老人行动不便，需社会组织安排志愿者每周探访，协助购买生活用品并登记健康情况。' },
  { title: '宠物粪便未清理', tags: ['宠物', '环境卫生'], category: '文明养犬', desc: '遛狗不牵绳、粪便不清理现象较多，需开展文明养犬宣传并在绿地设置宠物便袋箱。' },
  { title: '二次供水水箱清洗', tags: ['供水'], category: '公共设施', desc: '居民反映自来水有异味，二次供水水箱已超过半年未清洗，需物业委托有资质单位清洗并公示水质报告。' },
  { title: '儿童游乐设施老化', tags: ['公共设施', '安全隐患'], category: '公共设施', desc: '游乐场滑梯和秋千锈蚀松动，存在安全隐患，需暂停使用并更换，业委会申请公共收益列支。' },
  { title: '物业费收缴争议', tags: ['物业费'], category: '物业服务', desc: '部分业主以服务不到位为由拒交物业费，需召开协调会，物业整改服务问题并明确收费标准。' },
  { title: '非机动车乱停乱放', tags: ['停车'], category: '秩序管理', desc: '单元门口非机动车乱停，堵塞通道，需划定停放区域并安排楼栋长劝导。' },
  { title: '屋顶防水层破损', tags: ['漏水', '外墙'], category: '房屋维修', desc: '顶楼住户家中天花板渗水，经查屋面防水层老化开裂，需申请维修资金翻新防水。' },
  { title: '健身器材维修', tags: ['公共设施'], category: '公共设施', desc: '健身区部分器材损坏，需联系体育部门或共建单位认领维修，并定期巡查。' },
];
const AREAS = ['北区停车场', '中心花园', '东门岗亭', '南区广场', '地下车库B1', '垃圾分类投放点', '社区活动室', '西侧消防通道', '儿童游乐场', '健身区'];
const EXTRA_TAGS = ['老旧小区改造', '民生实事', '重点督办', '季度考核', '志愿服务', '网格巡查'];
const LISTS = ['2026年度幸福里小区治理清单', '2025年度幸福里小区治理清单', '老旧小区改造专项清单'];
const PROGRESS = [
  '已到现场查看，情况属实，正在联系施工单位报价。',
  '已与相关住户沟通，初步达成一致意见，下周组织协调会。',
  '施工单位已进场，预计三个工作日内完成。',
  '材料已采购到位，等待天气好转后施工。',
  '已电话回访居民，居民表示满意。',
  '已提交业委会审议维修资金使用方案。',
  '配合方已派人到场，共同制定整改方案。',
  '已张贴告示，提醒居民注意安全。',
  '维修完成，已拍照留存，请支部验收。',
  '费用超出预算，需重新报价，进度顺延。',
];
const COMMENTS = ['请尽快办理，居民多次来电询问。', '此事需要共建单位配合，已发函。', '注意保留票据，便于公示。', '下次支委会通报进展。', '请物业每周报送一次进度。'];
const REASONS: Partial<Record<TaskAction, readonly string[]>> = {
  suspend: ['等待维修资金审批', '冬季无法施工，待开春后继续', '涉及产权争议，待法院判决'],
  resume: ['审批已通过，继续办理', '天气转暖，恢复施工'],
  cancel: ['与另一事项重复', '居民撤回诉求', '已由上级部门统一办理'],
  return: ['整改不彻底，请补充现场照片', '居民反映问题仍存在'],
};
const RESIDENT_NAMES = ['王阿姨', '李大爷', '张先生', '刘女士', '陈师傅', '赵老师'];

export type BenchData = {
  today: LocalDate;
  roster: RosterDoc[];
  tasks: TaskDoc[];
  updates: TaskUpdateDoc[];
};

const iso = (day: LocalDate, minutes: number): string => new Date(Date.parse(`${day}T00:00:00.000+08:00`) + minutes * 60_000).toISOString();
const pad = (n: number, w = 5) => String(n).padStart(w, '0');

/** Where a task ends up, and the chain of actions to get there. */
function chainFor(r: Rand, late: boolean, dueInFuture: boolean): TaskAction[] {
  const target = weighted<TaskStatus>(r, [
    ['pending', dueInFuture ? 9 : 4],
    ['signed', 9],
    ['in_progress', dueInFuture ? 24 : 14],
    ['submitted', 9],
    ['done', late ? 32 : 18],
    ['published', late ? 14 : 6],
    ['suspended', 4],
    ['cancelled', 4],
  ]);
  const flow: TaskAction[] = ['sign', 'start', 'submit', 'accept', 'publish'];
  const upTo: Record<string, number> = { pending: 0, signed: 1, in_progress: 2, submitted: 3, done: 4, published: 5 };
  if (target === 'suspended' || target === 'cancelled') {
    const before = flow.slice(0, int(r, 0, 3));
    return [...before, target === 'suspended' ? 'suspend' : 'cancel'];
  }
  const chain = flow.slice(0, upTo[target]);
  // Some went back once (退回) before being accepted; some were suspended and resumed on the way.
  if (chain.includes('accept') && r() < 0.15) chain.splice(chain.indexOf('accept'), 0, 'return', 'submit');
  if (chain.length >= 2 && r() < 0.08) chain.splice(2, 0, 'suspend', 'resume');
  return chain;
}

export function buildBenchData(opts: { tasks: number; updates: number; today: LocalDate; seed?: number; userName: string }): BenchData {
  const r = mulberry32(opts.seed ?? 11);
  const { today } = opts;
  const rosterAt = iso(addCalendarDays(today, -800), 0);
  const roster: RosterDoc[] = [];
  const orgsOf = new Map<Party, string[]>();
  const peopleOf = new Map<Party, { id: string; name: string; org: string }[]>();
  const taskRoster: { people: Map<string, { name: string; party: Party; organizationId?: string }>; organizations: Map<string, { name: string; party: Party }> } = {
    people: new Map(),
    organizations: new Map(),
  };
  const base = { createdAt: rosterAt, updatedAt: rosterAt, createdBy: 'bench', updatedBy: 'bench' };
  let n = 0;
  const usedNames = new Set<string>([opts.userName]);
  for (const party of PARTIES) {
    const orgIds = ORGS[party].map((name, i) => {
      const id = `org-${party}-${i}`;
      roster.push({ id, ...base, kind: 'organization', name, party, status: 'active' } as RosterDoc);
      taskRoster.organizations.set(id, { name, party });
      return id;
    });
    orgsOf.set(party, orgIds);
    const people: { id: string; name: string; org: string }[] = [];
    for (let i = 0; i < PEOPLE_PER_PARTY[party]; i++) {
      let name: string;
      do name = `${pick(r, [...SURNAMES])}${pick(r, GIVEN)}`;
      while (usedNames.has(name));
      usedNames.add(name);
      const id = `person-${pad(++n, 3)}`;
      const org = orgIds[i % orgIds.length]!;
      const phone = `13${int(r, 0, 9)}${pad(int(r, 0, 99_999_999), 8)}`;
      roster.push({ id, ...base, kind: 'person', name, party, status: 'active', phone, organizationId: org } as RosterDoc);
      taskRoster.people.set(id, { name, party, organizationId: org });
      people.push({ id, name, org });
    }
    peopleOf.set(party, people);
  }
  const rosterView = taskRoster as TaskRoster;

  const actor: TaskActor = { role: 'admin', name: opts.userName };
  const tasks: TaskDoc[] = [];
  const updates: TaskUpdateDoc[] = [];
  const itemsPerList = Math.max(50, Math.round(opts.tasks / 12));
  const calendar = compoundCalendar(undefined);
  for (let i = 0; i < opts.tasks; i++) {
    const id = `task-${pad(i)}`;
    // Older tasks are rarer than recent ones; created between ~2 years ago and yesterday.
    const ageDays = Math.floor(Math.pow(r(), 1.6) * 720) + 1;
    const createdOn = addCalendarDays(today, -ageDays);
    const createdAt = iso(createdOn, int(r, 8 * 60, 18 * 60) - 8 * 60);
    const dueDate = r() < 0.06 ? undefined : addCalendarDays(createdOn, weighted(r, [[int(r, 3, 14), 4], [int(r, 15, 60), 5], [int(r, 61, 240), 2]] as const));
    const problem = pick(r, PROBLEMS);
    const leadParty = weighted<Party>(r, [['property', 38], ['owners_committee', 14], ['branch', 12], ['social_org', 10], ['co_builder', 12], ['resident_group', 14]]);
    const leadPeople = peopleOf.get(leadParty)!;
    const owner = r() < 0.93 ? pick(r, leadPeople) : undefined;
    const coCount = weighted(r, [[0, 3], [1, 4], [2, 3], [3, 1]] as const);
    const others = PARTIES.filter((p) => p !== leadParty);
    const coParties: NonNullable<TaskInput['coParties']>[number][] = [];
    for (const p of [...others].sort(() => r() - 0.5).slice(0, coCount)) {
      const c: { party: Party; organizationId?: string; personId?: string } = { party: p };
      if (r() < 0.7) c.organizationId = pick(r, orgsOf.get(p)!);
      if (r() < 0.6) c.personId = pick(r, peopleOf.get(p)!).id;
      coParties.push(c);
    }
    const building = int(r, 1, 36);
    const location = r() < 0.75 ? `${building}号楼${int(r, 1, 4)}单元` : pick(r, AREAS);
    const tags = [...new Set([...problem.tags, ...(r() < 0.3 ? [pick(r, EXTRA_TAGS)] : [])])];
    const sourceKind = weighted(r, [['governance_list', 40], ['resident', 25], ['meeting', 10], ['co_builder', 8], ['superior', 10], ['other', 7]] as const);
    let source: TaskInput['source'];
    if (sourceKind === 'governance_list') {
      const item = int(r, 1, itemsPerList);
      source = { kind: 'governance_list', listName: pick(r, LISTS), listItemNo: String(item), listItemTitle: `${location}${problem.title}整治` };
    } else if (sourceKind === 'resident') {
      source = { kind: 'resident', residentName: pick(r, RESIDENT_NAMES), residentBuilding: `${building}号楼`, residentPhone: `139${pad(int(r, 0, 99_999_999), 8)}` };
    } else if (sourceKind === 'co_builder') {
      source = { kind: 'co_builder', organizationId: pick(r, orgsOf.get('co_builder')!), projectName: `${problem.category}共建项目` };
    } else if (sourceKind === 'superior') source = { kind: 'superior', note: '街道办交办，要求按期反馈办理结果' };
    else if (sourceKind === 'meeting') source = { kind: 'meeting', note: `${createdOn.slice(0, 7)} 联席会议决议` };
    else source = { kind: 'other', note: '网格员巡查发现' };
    const description = [problem.desc, r() < 0.6 ? pick(r, PROGRESS) : '', r() < 0.4 ? `涉及住户约${int(r, 3, 120)}户，请牵头方在截止日期前反馈办理结果。` : ''].join('');
    const input: TaskInput = {
      title: `${location}${problem.title}${r() < 0.2 ? `（第${int(r, 2, 4)}次反映）` : ''}`,
      description,
      leadParty,
      leadOrganizationId: owner?.org ?? pick(r, orgsOf.get(leadParty)!),
      ...(owner ? { ownerId: owner.id } : {}),
      coParties,
      ...(dueDate ? { dueDate } : {}),
      priority: weighted(r, [['normal', 60], ['high', 22], ['urgent', 8], ['low', 10]] as const),
      location,
      category: problem.category,
      tags,
      source,
    };
    const built = newTask(id, input, rosterView, { at: createdAt, by: opts.userName });
    if (!built.ok) throw new Error(`task ${i}: ${JSON.stringify(built.error)}`);
    let task: TaskDoc = built.value;

    // Walk the chain, one step every few days, never past today.
    const late = dueDate !== undefined && dueDate < today;
    const chain = chainFor(r, late, !late);
    let at = Date.parse(createdAt);
    const nowMs = Date.parse(iso(today, 0)) - 60_000;
    const span = Math.max(1, (nowMs - at) / (chain.length + 1));
    let k = 0;
    for (const action of chain) {
      at = Math.min(nowMs - (chain.length - k) * 60_000, at + Math.floor(span * (0.3 + r())));
      k++;
      const stamp: Stamp = { at: new Date(at).toISOString(), by: opts.userName };
      const reason = REASONS[action] ? pick(r, REASONS[action]) : undefined;
      const next = applyAction(task as Task, { action, ...(reason ? { reason } : {}) }, actor, stamp, `${id}.t${k}`, today);
      if (!next.ok) throw new Error(`task ${i} ${action}: ${JSON.stringify(next.error)}`);
      updates.push(statusEntry(`${id}.s${k}`, task as Task, next.value as Task, stamp));
      task = next.value;
    }
    tasks.push(task);
    // The 催办/上报 entries a PC has long since written for a late task (the app writes missing ones on start).
    updates.push(...escalationEntries(task as Task, today, calendar));
  }
  return { today, roster, tasks, updates };
}

/** Fills the log up to `total` entries with 进展/备注 written by people of the task's parties. */
export function fillProgress(data: BenchData, total: number, seed = 23): void {
  const r = mulberry32(seed);
  const people = data.roster.filter((d) => d.kind === 'person');
  const nowMs = Date.parse(iso(data.today, 0)) - 60_000;
  let n = 0;
  while (data.updates.length < total) {
    const task = pick(r, data.tasks);
    const from = Date.parse(task.createdAt);
    const at = new Date(from + Math.floor(r() * Math.max(1, nowMs - from))).toISOString();
    const who = pick(r, people);
    const kind = r() < 0.8 ? 'progress' : 'comment';
    data.updates.push(
      progressEntry(
        `${task.id}.p${++n}`,
        task,
        { kind, text: kind === 'progress' ? `${pick(r, PROGRESS)}${r() < 0.3 ? pick(r, PROGRESS) : ''}` : pick(r, COMMENTS), party: who.party as Party, authorName: who.name, authorId: who.id },
        { at, by: who.name },
      ),
    );
  }
}
