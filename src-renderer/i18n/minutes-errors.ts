// 会议记录: code → the sentence the secretary reads. Every code of shared/domain/minutes (field problems, refused
// actions, fields 定稿 still needs) and of the host bridge has a sentence here: adding a code without one fails tsc.
import type { BridgeErrorCode } from '../../shared/bridge';
import type { FinaliseField, MeetingErrorCode, MinutesErrorCode, NoticeDraftErrorCode } from '../../shared/domain/minutes';
import { formatAreaDm2 } from '../../shared/domain/common/decimal';

type Detail = Record<string, string | number> | undefined;

/** Codes the minutes screens add themselves (checks made before a write that the rules do not own). */
export type MinutesUiErrorCode = 'LEAD_PARTY_REQUIRED' | 'ACTION_TITLE_MISSING' | 'PERSON_NOT_FOUND' | 'PERSON_AMBIGUOUS';

export type MinutesCode = MeetingErrorCode | MinutesErrorCode | MinutesUiErrorCode | NoticeDraftErrorCode;

/** Where 定稿 stops: the name of each field it still needs, as the form labels it. */
export const FINALISE_FIELD_LABELS: { readonly [F in FinaliseField]: string } = {
  title: '会议名称',
  type: '会议类型',
  date: '会议日期',
  startTime: '开始时间',
  endTime: '结束时间',
  location: '地点',
  hostName: '主持人',
  recorderName: '记录人',
  attendees: '参会人员',
  attendance: '出席情况（还有人员未登记到会、请假或缺席）',
  topics: '议题',
  voteRule: '表决规则',
  totalAreaDm2: '小区专有部分总面积',
  totalOwners: '业主总人数',
  participatingAreaDm2: '参与表决的专有部分面积',
  participatingOwners: '参与表决的业主人数',
};

/** At a field 定稿 still needs, once 定稿 was refused. */
export const FINALISE_REQUIRED_TEXT = '定稿前请填写此项。';

export const finaliseMissingText = (missing: readonly FinaliseField[]): string =>
  `定稿前还需填写：${missing.map((f) => FINALISE_FIELD_LABELS[f]).join('、')}。`;

/** An area in dm² from a detail, as m² ("290.00 平方米"). */
const area = (n: string | number | undefined): string => (typeof n === 'number' ? `${formatAreaDm2(n, { grouping: true })} 平方米` : '');

const who = (d: Detail): string => (d?.name !== undefined && d.name !== '' ? `“${d.name}”` : '该人员');

const SENTENCES: { readonly [C in MinutesCode]: (d: Detail) => string } = {
  // field problems (validateMeeting, validateResolutionVote, voteOutcome)
  TITLE_REQUIRED: () => '请填写名称。',
  DATE_INVALID: () => '日期无效，请按“年-月-日”填写，如 2026-11-25。',
  TIME_INVALID: () => '时间格式不正确，请按“时:分”填写，如 19:30。',
  END_BEFORE_START: () => '结束时间必须晚于开始时间。',
  ID_DUPLICATE: () => '记录中出现了重复的编号，请关闭后重新打开此会议再试。',
  ATTENDEE_NAME_REQUIRED: () => '请填写参会人员姓名。',
  ATTENDEE_DUPLICATE: (d) => `${who(d)}已在参会名单中，同一人不能登记两次。`,
  NUMBER_INVALID: () => '请填写不小于 0 的整数。',
  PARTICIPATION_EXCEEDS_TOTAL: () => '参与表决的数量不能超过小区的总数，请核对。',
  PARTICIPATION_EXCEEDS_MEETING: () => '本项参与表决的数量不能超过本次会议参与表决的总数，请核对。',
  PARTICIPATION_ROLL_CALL_MISMATCH: (d) =>
    `参与表决的业主（${d?.owners ?? ''}人，${area(d?.area)}）与签到出席的业主（${d?.presentOwners ?? ''}人，${area(d?.presentArea)}）不一致，请核对，或按签到业主填入。`,
  MEMBERS_EXCEED_TOTAL: (d) => `应到人数（${d?.members ?? ''}人）多于全体成员人数（${d?.max ?? ''}人），请核对全体成员人数。`,
  RULE_INVALID: () => '表决规则设置有误，请在「设置」中检查。',
  TOPIC_TITLE_REQUIRED: () => '请填写议题名称。',
  RESOLUTION_TEXT_REQUIRED: () => '请填写决议内容。',
  ACTION_ITEM_TITLE_REQUIRED: () => '请填写落实事项。',
  DUE_DATE_INVALID: () => '期限日期无效，请按“年-月-日”填写。',
  VOTE_COUNT_MISSING: () => '请填写同意人数。',
  VOTE_NEGATIVE: () => '票数不能为负数。',
  VOTE_NOT_INTEGER: () => '票数必须是整数。',
  VOTE_EXCEEDS_PRESENT: (d) =>
    `同意、反对、弃权合计 ${d?.votes ?? ''} 票，多于实到（参与表决）的 ${d?.max ?? ''} 人，请核对票数或出席情况。`,
  VOTE_AREA_MISSING: () => '请填写同意票所代表的专有部分面积。',
  VOTE_AREA_MISMATCH: () => '人数与面积不一致：有人表决就应有面积，没有人表决面积应为 0。',
  VOTE_AREA_EXCEEDS_PARTICIPATION: () => '表决面积合计多于参与表决的专有部分面积，请核对。',
  ROLL_CALL_UNKNOWN_ATTENDEE: () => '记名表决中有不在参会名单上的人员。',
  ROLL_CALL_NOT_MEMBER: () => '列席人员不参加表决。',
  ROLL_CALL_NOT_PRESENT: () => '未到会的人员不能参加表决。',
  ROLL_CALL_DUPLICATE: () => '同一人只能表决一次。',
  ROLL_CALL_AREA_MISSING: () => '该业主未登记专有部分面积。',
  TOTAL_AREA_MISSING: () => '请填写小区专有部分总面积（可在「设置」中填写）。',
  TOTAL_OWNERS_MISSING: () => '请填写业主总人数（可在「设置」中填写）。',
  PARTICIPATING_AREA_MISSING: () => '请填写参与表决的专有部分面积。',
  PARTICIPATING_OWNERS_MISSING: () => '请填写参与表决的业主人数。',
  // refused actions (applyMeetingAction)
  MEETING_INCOMPLETE: () => '会议记录还不完整，暂不能定稿。',
  MEETING_INVALID: () => '会议记录中还有内容有误，暂不能定稿。',
  MEETING_FINALISED: () => '该会议记录已定稿，不能再直接修改；如需更改，请添加更正或补充。',
  MEETING_NOT_FINAL: () => '会议记录尚未定稿，可以直接修改。',
  FIELD_LOCKED: () => '该项在会议创建后不能修改。',
  REASON_REQUIRED: () => '请填写原因。',
  TEXT_REQUIRED: () => '请填写内容。',
  ID_REQUIRED: () => '内部错误：缺少编号，请重试。',
  TARGET_NOT_FOUND: () => '所选对象已不存在，可能已被其他电脑删除。',
  TOPIC_ORDER_INVALID: () => '议题刚被其他电脑修改，请重试。',
  CORRECTION_VOTE_TARGET: () => '只有针对某项决议的更正才能更正表决票数。',
  CORRECTION_VOTE_INVALID: () => '更正后的表决票数有误，请核对。',
  // checks of the minutes screens
  LEAD_PARTY_REQUIRED: () => '请先选择牵头方，再生成任务。',
  ACTION_TITLE_MISSING: () => '请先填写落实事项，再生成任务。',
  PERSON_NOT_FOUND: () => '参会名单中没有这个名字。',
  PERSON_AMBIGUOUS: () => '有多人符合，请输入完整姓名。',
  // 决议公告 drafts (checkNoticeDraft)
  NOTICE_TITLE_REQUIRED: () => '请填写公告标题。',
  NOTICE_TITLE_TOO_LONG: () => '标题不能超过 200 个字。',
  NOTICE_BODY_REQUIRED: () => '请填写公告正文。',
  NOTICE_ISSUERS_TOO_MANY: () => '落款最多 6 个单位，每行一个。',
  NOTICE_ISSUER_TOO_LONG: () => '每个落款单位不能超过 100 个字。',
  NOTICE_DATE_INVALID: () => '日期无效，请按“年-月-日”填写，如 2026-11-25。',
  NOTICE_POST_RANGE: () => '张贴截止日期不能早于开始日期。',
};

export function minutesErrorText(code: MinutesCode, detail?: Detail): string {
  return SENTENCES[code](detail);
}

const BRIDGE_SENTENCES: { readonly [C in BridgeErrorCode]: string } = {
  FORBIDDEN: '当前页面无权打印，请重新打开程序后再试。',
  INVALID_ARGS: '打印内容过大或文件名无效，无法打印。',
  UNSUPPORTED: '当前环境不支持此操作。',
  IO: '文件没能保存：磁盘可能已满，或没有写入该文件夹的权限。',
  INTERNAL: '打印失败，请重试。',
};

export const bridgeErrorText = (code: BridgeErrorCode): string => BRIDGE_SENTENCES[code];

/** On the web host 「保存为PDF」 opens the browser's print dialog. */
export const WEB_PDF_HINT = '请在打印对话框中选择“另存为 PDF”';
