// 公告打印 in the renderer (jsdom + fake-indexeddb): the form's refusals at the field, the lock of an issued notice,
// 在贴公告 with what must come down, 撤下 with a reason, supersession linking both notices, prints logged, and a 文号
// the server refused.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../shared/bridge';
import { webBridge } from '../../bridge/web';
import { addCalendarDays, localDate } from '../../../shared/domain/common/dates';
import { plannedMeeting } from '../../../shared/domain/notices/generate/fixtures';
import { SETTINGS_ID, type MeetingDoc, type NoticeDoc, type SettingsDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { localStore } from '../../sync/local-store';
import { REJECTED_KEY } from '../../sync/session-store';
import type { JsonObject } from '../../../shared/domain/conflicts/merge';
import { fill, openTestDatabase, renderApp, teardown } from '../../testing/render-app';
import { seedBooks } from '../ledger/reports/test-books';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete window.linli;
  await teardown(db);
  db = undefined;
});
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};

const T0 = '2026-01-05T08:00:00.000Z';
const stamp = { createdAt: T0, updatedAt: T0, createdBy: '王秘书', updatedBy: '王秘书' };
const TODAY = localDate(new Date());
const days = (n: number): string => addCalendarDays(TODAY, n);
const YEAR = Number(TODAY.slice(0, 4));

const settings = (extra: Partial<SettingsDoc> = {}): SettingsDoc => ({
  id: SETTINGS_ID,
  ...stamp,
  compoundName: '和美小区',
  branchName: '中共和美小区支部委员会',
  ownersCommitteeName: '和美小区业主委员会',
  councilName: '和美小区共建理事会',
  ...extra,
});

const draft = (over: Partial<NoticeDoc> = {}): NoticeDoc =>
  ({
    id: 'n1',
    ...stamp,
    kind: 'finance',
    title: '2025年第四季度财务收支公示',
    body: '现将本小区2025年第四季度公共收益收支情况公示如下。\n\n如有疑问，请在公示期内向业主委员会提出。',
    issuers: ['和美小区业主委员会'],
    issuerKey: 'owners_committee',
    issuePrefix: '和美业委',
    issueDate: TODAY,
    status: 'draft',
    ...over,
  }) as NoticeDoc;

const issued = (over: Partial<NoticeDoc> = {}, seq = 1): NoticeDoc =>
  draft({
    status: 'issued',
    issueYear: YEAR,
    issueSeq: seq,
    issuedAt: T0,
    issuedBy: '王秘书',
    postFrom: days(-2),
    postUntil: days(5),
    public: true,
    publicCode: 'AbCdEfGh2345',
    ...over,
  });

const stored = async (id: string): Promise<NoticeDoc | undefined> => (await theDb().notices.findOne(id).exec())?.toMutableJSON() as NoticeDoc | undefined;

async function openNotice(doc: NoticeDoc, others: readonly NoticeDoc[] = []): Promise<void> {
  await theDb().settings.insert(settings());
  await theDb().notices.bulkInsert([doc, ...others]);
  await renderApp(theDb(), `#/notices/${doc.id}`);
  await screen.findByTestId('notice-view');
}

type StubBridge = Bridge & { html: ReturnType<typeof vi.fn<Bridge['print:html']>>; pdf: ReturnType<typeof vi.fn<Bridge['print:toPdf']>> };

function stubBridge(pdfPath: string | null): StubBridge {
  const html = vi.fn<Bridge['print:html']>(async () => ({ ok: true, value: { printed: true } }));
  const pdf = vi.fn<Bridge['print:toPdf']>(async () => ({ ok: true, value: { path: pdfPath } }));
  return {
    // Every other channel as the web host answers it (backups, host state): these tests print.
    ...webBridge,
    html,
    pdf,
    'app:info': async () => ({ ok: true, value: { version: '0', host: 'desktop', platform: 'test', userDataPath: '', documentsPath: '' } }),
    'print:html': html,
    'print:toPdf': pdf,
    'file:save': async () => ({ ok: true, value: { path: null } }),
    'file:open': async () => ({ ok: true, value: null }),
  };
}

describe('公告打印 — the draft form', () => {
  it('发布 without a 公示期 is refused at the fields, nothing stored; with it the notice is numbered and locked', async () => {
    await openNotice(draft());
    const form = await screen.findByTestId('notice-form');
    fireEvent.click(within(form).getByTestId('issue-notice'));
    expect((await within(form).findByTestId('error-postFrom')).textContent).toBe('公示类公告须填写有效的公示期（开始和结束日期）。');
    expect(within(form).getByTestId('error-postUntil')).toBeTruthy();
    expect(screen.queryByTestId('confirm-issue')).toBeNull();
    expect((await stored('n1'))?.status).toBe('draft');

    fill('公示开始日期', days(0), form);
    fill('公示结束日期', days(6), form);
    expect(within(form).queryByTestId('error-postFrom')).toBeNull();
    fireEvent.click(within(form).getByTestId('issue-notice'));
    fireEvent.click(await screen.findByTestId('confirm-issue-button'));
    await waitFor(async () => expect((await stored('n1'))?.status).toBe('issued'));
    const n = await stored('n1');
    expect(n).toMatchObject({ issueYear: YEAR, issueSeq: 1, postFrom: days(0), postUntil: days(6), issuedBy: '本机用户', public: true });
    expect(n?.publicCode).toMatch(/^[2-9A-Za-z]{12}$/);
    expect(await screen.findByTestId('notice-number')).toHaveProperty('textContent', `和美业委〔${YEAR}〕1号`);
    expect(screen.queryByTestId('notice-form')).toBeNull();
  });

  it('a 公示期 ending before it starts is refused at the end date, on 保存草稿 too; nothing stored', async () => {
    await openNotice(draft({ postFrom: days(3), postUntil: days(9) }));
    const form = await screen.findByTestId('notice-form');
    fill('公示结束日期', days(1), form);
    fill('标题', '改过的标题', form);
    fireEvent.click(within(form).getByTestId('save-notice'));
    expect((await within(form).findByTestId('error-postUntil')).textContent).toBe('公示期的结束日期不能早于开始日期。');
    expect(await stored('n1')).toMatchObject({ title: '2025年第四季度财务收支公示', postUntil: days(9) });
    fireEvent.click(within(form).getByTestId('issue-notice'));
    expect((await within(form).findByTestId('error-postUntil')).textContent).toBe('公示期的结束日期不能早于开始日期。');
    expect((await stored('n1'))?.status).toBe('draft');
  });

  it('落款 from 设置: several bodies issue jointly, the 主办 numbers; none ticked is refused at 发布', async () => {
    const unsigned = draft({ kind: 'notice', issuers: [] });
    delete unsigned.issuerKey;
    await openNotice(unsigned);
    const form = await screen.findByTestId('notice-form');
    fireEvent.click(within(form).getByTestId('issue-notice'));
    expect((await within(form).findByTestId('error-issuers')).textContent).toBe('请选择发文单位（落款）。');
    const group = within(form).getByTestId('field-issuers');
    fireEvent.click(within(group).getByLabelText('中共和美小区支部委员会'));
    fireEvent.click(within(group).getByLabelText('和美小区业主委员会'));
    fireEvent.change(within(group).getByLabelText('主办单位'), { target: { value: 'owners_committee' } });
    fireEvent.click(within(form).getByTestId('save-notice'));
    await waitFor(async () => expect((await stored('n1'))?.issuers).toEqual(['和美小区业主委员会', '中共和美小区支部委员会']));
    expect((await stored('n1'))?.issuerKey).toBe('owners_committee');
  });
});

describe('公告打印 — issued notices', () => {
  it('an issued notice is read-only: no form, no save; 打印 logs who, this PC, copies and paper', async () => {
    const bridge = stubBridge('/tmp/公告.pdf');
    window.linli = bridge;
    await openNotice(issued());
    await screen.findByTestId('notice-facts');
    expect(screen.queryByTestId('notice-form')).toBeNull();
    expect(screen.queryByRole('button', { name: '保存草稿' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: '标题' })).toBeNull();
    expect(screen.getByTestId('notice-period').textContent).toContain('至');

    fill('份数', '0');
    fireEvent.click(screen.getByTestId('print-notice'));
    expect((await screen.findByTestId('error-copies')).textContent).toBe('份数请填写1至1000的整数。');
    expect(bridge.html).not.toHaveBeenCalled();
    fill('份数', '3');
    fireEvent.click(screen.getByTestId('print-notice'));
    await waitFor(async () => expect((await stored('n1'))?.prints).toHaveLength(1));
    const print = (await stored('n1'))?.prints?.[0];
    expect(print).toMatchObject({ by: '本机用户', copies: 3, paper: 'A4' });
    expect(print?.device).toBe(localStorage.getItem('linli.device.v1'));
    expect(bridge.html).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByTestId('pdf-notice'));
    expect((await screen.findByTestId('notice-print-status')).textContent).toBe('已保存为 PDF：/tmp/公告.pdf');
    await waitFor(async () => expect((await stored('n1'))?.prints?.[1]).toMatchObject({ pdf: true, copies: 1 }));
    // Still issued, unchanged but for the log.
    expect((await stored('n1'))?.title).toBe('2025年第四季度财务收支公示');
  });

  it('撤下 needs a reason; with one the notice is withdrawn and says so', async () => {
    await openNotice(issued());
    fireEvent.click(await screen.findByTestId('withdraw-notice'));
    const dialog = await screen.findByTestId('withdraw-dialog');
    fireEvent.click(within(dialog).getByTestId('confirm-withdraw'));
    expect((await within(dialog).findByTestId('error-withdrawReason')).textContent).toBe('请填写撤下原因。');
    expect((await stored('n1'))?.status).toBe('issued');
    fill('撤下原因', '数据有误，待更正后重新公示', dialog);
    fireEvent.click(within(dialog).getByTestId('confirm-withdraw'));
    await waitFor(async () => expect((await stored('n1'))?.status).toBe('withdrawn'));
    expect(await stored('n1')).toMatchObject({ withdrawReason: '数据有误，待更正后重新公示', withdrawnBy: '本机用户' });
    await waitFor(() => expect(screen.getByTestId('notice-status').textContent).toBe('已撤下'));
  });

  it('发布新公告取代本公告: the new draft points to the old; once issued the old points to it and must come down', async () => {
    await openNotice(issued());
    fireEvent.click(await screen.findByTestId('supersede-notice'));
    const form = await screen.findByTestId('notice-form');
    expect(await screen.findByTestId('supersedes')).toBeTruthy();
    const newId = window.location.hash.replace('#/notices/', '');
    expect(newId).not.toBe('n1');
    expect(await stored(newId)).toMatchObject({ status: 'draft', supersedes: 'n1', title: '2025年第四季度财务收支公示' });
    expect((await stored(newId))?.issueSeq).toBeUndefined();
    fill('标题', '2025年第四季度财务收支公示（更正）', form);
    fireEvent.click(within(form).getByTestId('issue-notice'));
    fireEvent.click(await screen.findByTestId('confirm-issue-button'));
    await waitFor(async () => expect((await stored(newId))?.status).toBe('issued'));
    expect((await stored(newId))?.issueSeq).toBe(2);
    await waitFor(async () => expect((await stored('n1'))?.supersededBy).toBe(newId));

    window.location.hash = '#/notices/n1';
    expect((await screen.findByTestId('superseded-by')).textContent).toContain('2025年第四季度财务收支公示（更正）');
    expect(screen.getByTestId('notice-status').textContent).toBe('已被取代');
    expect(screen.queryByTestId('supersede-notice')).toBeNull();
  });
});

describe('公告打印 — 在贴公告', () => {
  it('lists what is on the board, flags what must come down, and 已撤下 takes it off', async () => {
    await theDb().settings.insert(settings());
    await theDb().notices.bulkInsert([
      issued({ id: 'posted', title: '关于电梯维修的通知', kind: 'notice' }, 1),
      issued({ id: 'expired', title: '十月财务收支公示', postFrom: days(-20), postUntil: days(-1) }, 2),
      issued({ id: 'later', title: '下周停水通知', kind: 'notice', postFrom: days(3), postUntil: days(5) }, 3),
      draft({ id: 'draft', title: '还在起草的公告' }),
      issued({ id: 'gone', title: '已撤下的公告', status: 'withdrawn', withdrawnAt: T0, withdrawnBy: '王秘书', withdrawReason: '有误' }, 4),
    ]);
    await renderApp(theDb(), '#/notices');
    const board = await screen.findByTestId('board-list');
    const rows = within(board).getAllByTestId('notice-row');
    expect(rows.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-status')])).toEqual([
      ['posted', 'posted'],
      ['later', 'issued'],
    ]);
    expect(within(rows[0] as HTMLElement).getByTestId('notice-row-status').textContent).toBe('公示中');
    const down = screen.getByTestId('takedown-list');
    const flagged = within(down).getAllByTestId('notice-row');
    expect(flagged.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-status')])).toEqual([['expired', 'expired']]);
    expect(within(flagged[0] as HTMLElement).getByTestId('notice-row-status').textContent).toBe('已到期');

    fireEvent.click(within(down).getByTestId('taken-down'));
    await waitFor(async () => expect((await stored('expired'))?.status).toBe('withdrawn'));
    expect((await stored('expired'))?.withdrawReason).toBe('公示期满，纸张已撤下');
    await waitFor(() => expect(screen.queryByTestId('takedown-list')).toBeNull());

    // The log has every issue (and the withdrawal just made).
    fireEvent.click(screen.getByTestId('notices-tab-log'));
    const log = await screen.findByTestId('notice-log');
    expect(within(log).getAllByTestId('log-row').length).toBe(6);
  });

  it('全部公告 filters by kind and status in the address', async () => {
    await theDb().notices.bulkInsert([issued({ id: 'a', kind: 'notice', title: '通知甲' }, 1), draft({ id: 'b', title: '草稿乙' })]);
    await renderApp(theDb(), '#/notices?tab=all&status=draft');
    const list = await screen.findByTestId('all-list');
    expect(within(list).getAllByTestId('notice-row').map((r) => r.getAttribute('data-id'))).toEqual(['b']);
    fireEvent.change(screen.getByLabelText('按状态筛选'), { target: { value: '' } });
    await waitFor(() => expect(within(screen.getByTestId('all-list')).getAllByTestId('notice-row')).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('按类别筛选'), { target: { value: 'notice' } });
    await waitFor(() => expect(within(screen.getByTestId('all-list')).getAllByTestId('notice-row').map((r) => r.getAttribute('data-id'))).toEqual(['a']));
    expect(window.location.hash).toBe('#/notices?tab=all&kind=notice');
  });

  it('工作台 counts what is on the board and what must come down', async () => {
    await theDb().notices.bulkInsert([issued({ id: 'p', kind: 'notice' }, 1), issued({ id: 'e', postFrom: days(-9), postUntil: days(-2) }, 2)]);
    await renderApp(theDb(), '#/dashboard');
    expect((await screen.findByTestId('notices-on-board')).textContent).toBe('1在贴公告');
    expect(screen.getByTestId('notices-come-down').textContent).toBe('1需撤下');
  });
});

describe('公告打印 — a 文号 the server refused', () => {
  it('shows 文号已被其他电脑使用; 重新编号 takes the next free number and asks to print again', async () => {
    await theDb().settings.insert(settings());
    // This PC issued №1 offline; another PC's №1 reached the server first and has since arrived here.
    await theDb().notices.insert(issued({ id: 'mine' }, 1));
    const theirs = issued({ id: 'theirs', title: '另一台电脑的公示', issuedAt: '2026-01-04T08:00:00.000Z', publicCode: 'ZyXwVuTs9876' }, 1);
    // Arrived by pull, below the write hooks (as the sync engine writes).
    await localStore(theDb()).write('notices', [{ previous: undefined, content: theirs as unknown as JsonObject, sync: { seq: 7 } }], 'test-pull');
    localStorage.clear();
    localStorage.setItem(REJECTED_KEY, JSON.stringify([{ id: 'mine', collection: 'notices', code: 'DOMAIN_INVALID', rule: 'ISSUE_NO_TAKEN', message: 'taken', at: T0 }]));
    await renderApp(theDb(), '#/notices/mine', { keepStorage: true });
    const banner = await screen.findByTestId('issue-no-taken');
    expect(banner.textContent).toContain('文号已被其他电脑使用');
    expect(banner.textContent).toContain('请重新打印并更换已张贴的纸张');
    fireEvent.click(within(banner).getByTestId('renumber'));
    await waitFor(async () => expect((await stored('mine'))?.issueSeq).toBe(2));
    expect((await screen.findByTestId('renumber-status')).textContent).toBe(`已重新编号为 和美业委〔${YEAR}〕2号。请重新打印并更换已张贴的纸张。`);
  });
});

describe('公告打印 — drafts generated from data (#/notices/new?from=…)', () => {
  it('财务收支公示 of a closed month, with the 公示期 chosen in 财务公示; an open month is refused', async () => {
    await seedBooks(theDb(), { closeJanuary: true });
    await theDb().settings.insert(settings());
    await renderApp(theDb(), '#/notices/new?from=finance&span=month:2026-01&threshold=100000&issueDate=2026-02-05&postFrom=2026-02-05&postUntil=2026-02-15');
    const form = await screen.findByTestId('notice-form');
    expect((within(form).getByLabelText(/^标题/) as HTMLInputElement).value).toBe('2026年1月财务收支情况公示');
    const id = window.location.hash.replace('#/notices/', '');
    const n = await stored(id);
    expect(n).toMatchObject({ kind: 'finance', status: 'draft', issuerKey: 'owners_committee', issuers: ['和美小区业主委员会'], issuePrefix: '和美业委', postFrom: '2026-02-05', postUntil: '2026-02-15', public: true });
    expect(n?.source).toMatchObject({ period: '2026-01', periodFrom: '2026-01', periodTo: '2026-01' });
    expect(n?.source?.booksHash).toMatch(/^[0-9a-f]{64}$/);
    expect(n?.tables?.[0]?.caption).toBe('收支情况表');
    expect(n?.tables?.[1]?.rows.map((r) => r[2])).toEqual(['电梯维修']);
    // Asked again for the same span: the draft already made opens.
    window.location.hash = '#/notices/new?from=finance&span=month:2026-01&threshold=100000';
    await waitFor(() => expect(window.location.hash).toBe(`#/notices/${id}`));
    expect(await theDb().notices.count().exec()).toBe(1);

    window.location.hash = '#/notices/new?from=finance&span=month:2026-02&threshold=100000';
    expect((await screen.findByTestId('generate-error')).textContent).toBe('所选期间尚未结账。财务收支公示只能针对已结账的期间生成。');
    expect(await theDb().notices.count().exec()).toBe(1);
  });

  it('项目公示: 申报前 from what is typed (a missing budget refused at the field), 验收后 from the books', async () => {
    await theDb().settings.insert(settings());
    await renderApp(theDb(), '#/notices');
    fireEvent.change(await screen.findByTestId('new-notice-kind'), { target: { value: 'project' } });
    fireEvent.click(screen.getByTestId('new-notice'));
    await screen.findByTestId('project-notice-dialog');
    fireEvent.change(screen.getByTestId('project-name'), { target: { value: '电梯加装' } });
    fireEvent.change(screen.getByTestId('project-content'), { target: { value: '为3号楼加装电梯一部' } });
    fireEvent.click(screen.getByTestId('project-notice-create'));
    expect((await screen.findByTestId('project-error-budget')).textContent).toContain('请填写预算金额');
    expect(await theDb().notices.count().exec()).toBe(0);
    fireEvent.change(screen.getByTestId('project-budget'), { target: { value: '120,000.00' } });
    fireEvent.click(screen.getByTestId('project-notice-create'));
    const form = await screen.findByTestId('notice-form');
    expect((within(form).getByLabelText(/^标题/) as HTMLInputElement).value).toContain('电梯加装');
    const id = window.location.hash.replace('#/notices/', '');
    expect(await stored(id)).toMatchObject({ kind: 'project', status: 'draft', source: { projectStage: 'before', projectId: '电梯加装' } });
    expect(JSON.stringify((await stored(id))?.tables ?? [])).toContain('120,000.00');

    window.location.hash = `#/notices/new?from=project&stage=after&project=${encodeURIComponent('电梯加装')}&year=${YEAR}&acceptance=${encodeURIComponent('经街道组织验收，工程质量合格')}`;
    await waitFor(() => expect(window.location.hash).not.toContain('new'));
    const after = await stored(window.location.hash.replace('#/notices/', ''));
    expect(after).toMatchObject({ kind: 'project', status: 'draft', source: { projectStage: 'after' } });
    expect(after?.body).toContain('经街道组织验收，工程质量合格');
  });

  it('任务进展公示 of the tasks a 六方联动 filter shows', async () => {
    const base = { createdAt: T0, updatedAt: T0, createdBy: '管理员', updatedBy: '管理员' };
    await theDb().tasks.bulkInsert([
      { id: 't1', ...base, title: '修补东门道路', leadParty: 'property', status: 'pending', priority: 'normal' },
      { id: 't2', ...base, title: '楼道堆物清理', leadParty: 'property', status: 'pending', priority: 'normal' },
      { id: 't3', ...base, title: '党员结对帮扶', leadParty: 'branch', status: 'pending', priority: 'normal' },
    ]);
    await renderApp(theDb(), '#/notices/new?from=tasks&party=property');
    await screen.findByTestId('notice-form');
    const n = await stored(window.location.hash.replace('#/notices/', ''));
    expect(n).toMatchObject({ kind: 'task', status: 'draft', issuerKey: 'council' });
    expect(n?.source?.taskIds).toEqual(['t1', 't2']);
    expect(n?.tables?.[0]?.rows.map((r) => r[1]).sort()).toEqual(['修补东门道路', '楼道堆物清理']);
  });

  it('会议通知 of a planned meeting; once issued, a changed meeting says 所依据的数据已变化 and regenerates a superseding draft', async () => {
    const meeting = JSON.parse(JSON.stringify(plannedMeeting({ id: 'm1', date: days(10), location: '党群服务站' }))) as MeetingDoc;
    await theDb().meetings.insert(meeting);
    await theDb().settings.insert(settings());
    await renderApp(theDb(), '#/notices/new?from=meeting&meeting=m1');
    const form = await screen.findByTestId('notice-form');
    expect((within(form).getByLabelText(/^正文/) as HTMLTextAreaElement).value).toContain('二、会议地点：党群服务站');
    const id = window.location.hash.replace('#/notices/', '');
    expect(await stored(id)).toMatchObject({ kind: 'meeting', postFrom: TODAY, postUntil: days(10) });
    fill('发文机关代字', '和美理事', form);
    fireEvent.click(within(form).getByTestId('issue-notice'));
    fireEvent.click(await screen.findByTestId('confirm-issue-button'));
    await screen.findByTestId('notice-facts');
    expect(screen.queryByTestId('source-changed')).toBeNull();

    // The meeting moves to another room.
    const doc = await theDb().meetings.findOne('m1').exec();
    await doc?.incrementalPatch({ location: '社区议事厅' });
    const banner = await screen.findByTestId('source-changed');
    expect(banner.textContent).toContain('所依据的数据已变化');
    expect(banner.textContent).toContain('会议记录');
    fireEvent.click(within(banner).getByTestId('regenerate-notice'));
    const next = await screen.findByTestId('notice-form');
    expect((within(next).getByLabelText(/^正文/) as HTMLTextAreaElement).value).toContain('二、会议地点：社区议事厅');
    const newId = window.location.hash.replace('#/notices/', '');
    expect(await stored(newId)).toMatchObject({ status: 'draft', supersedes: id, issuePrefix: '和美理事' });
  });
});
