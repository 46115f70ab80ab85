import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { version } from '../../../package.json';
import { SETTINGS_ID } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { OPERATOR_STORAGE_KEY } from '../../db/operator';
import { fill, openTestDatabase, renderApp, teardown } from '../../testing/render-app';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
});
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};
const settingsDoc = async () => (await theDb().settings.findOne(SETTINGS_ID).exec())?.toJSON();
const profileForm = () => screen.findByTestId('profile-form');

describe('设置 — 小区信息', () => {
  it('saves the profile, parsing the area exactly into dm²', async () => {
    await renderApp(theDb(), '#/settings');
    const form = await profileForm();
    fill('小区名称', '幸福里小区', form);
    fill('所属街道', '湖滨街道', form);
    fill('所属社区', '东坡社区', form);
    fill('党支部名称', '幸福里小区党支部', form);
    fill('专有部分总面积（平方米）', '80,000.29', form); // 80000.29 * 100 is not 8000029 in floating point
    fill('业主总人数', '1200', form);
    fill('业委会委员人数', '7', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存小区信息' }));

    await waitFor(async () => expect((await settingsDoc())?.compoundName).toBe('幸福里小区'));
    expect(await settingsDoc()).toMatchObject({
      id: 'compound',
      street: '湖滨街道',
      community: '东坡社区',
      branchName: '幸福里小区党支部',
      totalAreaDm2: 8000029,
      totalOwners: 1200,
      ownersCommitteeSize: 7,
      createdBy: '本机用户',
      updatedBy: '本机用户',
    });
    // The field now shows the stored value; the sidebar shows the compound.
    expect((within(form).getByLabelText('专有部分总面积（平方米）') as HTMLInputElement).value).toBe('80000.29');
    // 民法典 art. 278 counts 专有部分面积: the field says what it is, in one line (issue #8).
    expect(within(form).getByText(/全体业主房屋专有部分面积之和/).textContent).toBe('全体业主房屋专有部分面积之和，业主大会表决按此计算面积比例。');
    await waitFor(() => expect(screen.getByTestId('sidebar-compound').textContent).toBe('幸福里小区'));
    expect((await screen.findByTestId('toast')).textContent).toBe('小区信息已保存');
  });

  it('refuses a non-numeric area in Chinese and saves nothing', async () => {
    await renderApp(theDb(), '#/settings');
    const form = await profileForm();
    fill('小区名称', '幸福里小区', form);
    fill('专有部分总面积（平方米）', '约两万', form);
    fill('业主总人数', '12.5', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存小区信息' }));
    expect((await within(form).findByTestId('error-totalArea')).textContent).toBe('请填写数字，单位为平方米，如 12345.67。');
    expect(within(form).getByTestId('error-totalOwners').textContent).toBe('请填写整数，如 1200。');
    expect(await settingsDoc()).toBeUndefined();

    fill('专有部分总面积（平方米）', '1.234', form);
    fill('业主总人数', '1200', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存小区信息' }));
    expect((await within(form).findByTestId('error-totalArea')).textContent).toBe('面积最多保留两位小数。');
    expect(await settingsDoc()).toBeUndefined();
  });

  it('a later save keeps settings the form does not own and removes cleared fields', async () => {
    const t = '2025-01-01T00:00:00.000Z';
    await theDb().settings.insert({
      id: SETTINGS_ID,
      compoundName: '幸福里',
      street: '湖滨街道',
      noticeDays: 7,
      createdAt: t,
      updatedAt: t,
      createdBy: '首任',
      updatedBy: '首任',
    });
    await renderApp(theDb(), '#/settings');
    const form = await profileForm();
    expect((within(form).getByLabelText('所属街道') as HTMLInputElement).value).toBe('湖滨街道');
    fill('所属街道', '', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存小区信息' }));
    await waitFor(async () => expect((await settingsDoc())?.updatedBy).toBe('本机用户'));
    const doc = await settingsDoc();
    expect(doc).toMatchObject({ compoundName: '幸福里', noticeDays: 7, createdBy: '首任', createdAt: t });
    expect(doc && 'street' in doc).toBe(false);
  });

  it('a full disk keeps the input and the saved profile', async () => {
    const t = '2025-01-01T00:00:00.000Z';
    await theDb().settings.insert({ id: SETTINGS_ID, compoundName: '幸福里', createdAt: t, updatedAt: t, createdBy: 'a', updatedBy: 'a' });
    await renderApp(theDb(), '#/settings');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(theDb().settings.storageInstance, 'bulkWrite').mockRejectedValueOnce(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    const form = await profileForm();
    fill('小区名称', '幸福里小区（新）', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存小区信息' }));
    expect((await within(form).findByTestId('form-error')).textContent).toBe(
      '磁盘空间不足，本次修改未保存。已保存的数据不受影响，请清理磁盘后重试。',
    );
    expect((within(form).getByLabelText('小区名称') as HTMLInputElement).value).toBe('幸福里小区（新）');
    expect((await settingsDoc())?.compoundName).toBe('幸福里');
  });
});

describe('设置 — 本机操作人, storage, version', () => {
  it('stores the operator name on this device and stamps later writes with it', async () => {
    await renderApp(theDb(), '#/settings');
    const form = await screen.findByTestId('operator-form');
    fill('本机操作人', '  王书记 ', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存操作人' }));
    await waitFor(() => expect(localStorage.getItem(OPERATOR_STORAGE_KEY)).toBe('王书记'));
    expect(screen.getByTestId('sidebar-operator').textContent).toBe('操作人：王书记');

    const profile = await profileForm();
    fill('小区名称', '幸福里', profile);
    fireEvent.click(within(profile).getByRole('button', { name: '保存小区信息' }));
    await waitFor(async () => expect((await settingsDoc())?.createdBy).toBe('王书记'));

    fill('本机操作人', '名'.repeat(51), form);
    fireEvent.click(within(form).getByRole('button', { name: '保存操作人' }));
    expect((await within(form).findByTestId('error-operatorName')).textContent).toBe('操作人姓名不能超过 50 个字。');
    expect(localStorage.getItem(OPERATOR_STORAGE_KEY)).toBe('王书记');

    fill('本机操作人', '', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存操作人' }));
    await waitFor(() => expect(localStorage.getItem(OPERATOR_STORAGE_KEY)).toBeNull());
    expect(screen.getByTestId('sidebar-operator').textContent).toBe('操作人：本机用户');
  });

  it('shows the storage status and the app version from the bridge', async () => {
    const persisted = vi.fn(async () => true);
    const estimate = vi.fn(async () => ({ usage: 5 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }));
    vi.stubGlobal('navigator', { ...navigator, storage: { persisted, estimate, persist: vi.fn(async () => true) } });
    try {
      await renderApp(theDb(), '#/settings');
      expect((await screen.findByTestId('storage-persisted')).textContent).toContain('已开启');
      expect(screen.getByTestId('storage-usage').textContent).toBe('5.0 MB（可用上限约 2.0 GB）');
      await waitFor(() => expect(screen.getByTestId('app-version').textContent).toBe(version));
      expect(screen.getByTestId('app-info').textContent).toContain('网页版');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says when storage status is unknown', async () => {
    await renderApp(theDb(), '#/settings');
    expect((await screen.findByTestId('storage-persisted')).textContent).toBe('无法获取');
  });
});

describe('设置 — 工作日历', () => {
  it('adds the compound’s own days off and workdays, refusing bad or contradictory dates', async () => {
    await renderApp(theDb(), '#/settings');
    const off = await screen.findByTestId('calendar-daysOff');
    const work = screen.getByTestId('calendar-extraWorkdays');

    fill('本小区休息日', '2026-02-30', off);
    fireEvent.click(within(off).getByRole('button', { name: '添加' }));
    expect((await within(off).findByTestId('error-daysOff')).textContent).toBe('日期无效，请按“年-月-日”填写，如 2026-10-09。');
    expect(await settingsDoc()).toBeUndefined();

    fill('本小区休息日', '2026-10-09', off);
    fireEvent.click(within(off).getByRole('button', { name: '添加' }));
    await waitFor(async () => expect((await settingsDoc())?.daysOff).toEqual(['2026-10-09']));
    expect(within(off).getByText(/2026年10月9日/)).toBeTruthy();

    fill('本小区加班日', '2026-10-09', work);
    fireEvent.click(within(work).getByRole('button', { name: '添加' }));
    expect((await within(work).findByTestId('error-extraWorkdays')).textContent).toContain('同一天不能既休息又上班');
    fill('本小区加班日', '2026-10-10', work);
    fireEvent.click(within(work).getByRole('button', { name: '添加' }));
    await waitFor(async () => expect((await settingsDoc())?.extraWorkdays).toEqual(['2026-10-10']));

    fireEvent.click(within(off).getByRole('button', { name: '删除 2026-10-09' }));
    await waitFor(async () => expect((await settingsDoc())?.daysOff).toEqual([]));
    // The profile form's later save keeps the calendar.
    const form = await profileForm();
    fill('小区名称', '幸福里小区', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存小区信息' }));
    await waitFor(async () => expect((await settingsDoc())?.compoundName).toBe('幸福里小区'));
    expect((await settingsDoc())?.extraWorkdays).toEqual(['2026-10-10']);
  });
});
