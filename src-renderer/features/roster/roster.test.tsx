import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinliDatabase } from '../../db/database';
import { OPERATOR_STORAGE_KEY } from '../../db/operator';
import { dialog, fill, openTestDatabase, renderApp, teardown } from '../../testing/render-app';

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

const rows = () => screen.queryAllByTestId('person-row');
const rowOf = (name: string) => {
  const row = rows().find((r) => within(r).queryByText(name));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};
const rowNames = () => rows().map((r) => within(r).getByTestId('person-name').textContent);

async function addPerson(fields: { name: string; party: string; phone?: string; building?: string; roles?: string[] }) {
  fireEvent.click(screen.getByRole('button', { name: '新增人员' }));
  const form = await dialog();
  fill('姓名', fields.name, form);
  if (fields.phone) fill('手机', fields.phone, form);
  if (fields.building) fill('楼栋号', fields.building, form);
  fill('代表方', fields.party, form);
  for (const role of fields.roles ?? []) fireEvent.click(within(form).getByLabelText(role));
  fireEvent.click(within(form).getByRole('button', { name: '保存' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  await screen.findByText(fields.name);
}

const stamp = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: 'x', updatedBy: 'x' };

describe('组织人员 — people', () => {
  it('adds a person with every audit field set', async () => {
    await renderApp(theDb(), '#/roster');
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王书记'); // as if set in 设置 (renderApp starts from a clean localStorage)
    expect(await screen.findByTestId('people-empty')).toHaveProperty('textContent', '还没有录入人员。点击「新增人员」开始录入。');

    fireEvent.click(screen.getByRole('button', { name: '新增人员' }));
    const form = await dialog();
    fill('姓名', ' 张建国 ', form);
    fill('手机', '138 0013 8000', form);
    fill('楼栋号', '3号楼', form);
    fill('单元号', '2单元', form);
    fill('房号', '301', form);
    fill('代表方', 'branch', form);
    fireEvent.click(within(form).getByLabelText('楼栋长/梯长'));
    fireEvent.click(within(form).getByLabelText('党员'));
    fill('职务', '支部书记', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));

    const row = await screen.findByTestId('person-row');
    expect(row.textContent).toContain('张建国');
    expect(row.textContent).toContain('13800138000');
    expect(row.textContent).toContain('3号楼 2单元 301');
    expect(row.textContent).toContain('党员、楼栋长/梯长');
    expect(screen.queryByRole('dialog')).toBeNull();

    const docs = await theDb().roster.find().exec();
    expect(docs).toHaveLength(1);
    const doc = docs[0]?.toJSON();
    expect(doc).toMatchObject({
      kind: 'person',
      name: '张建国',
      phone: '13800138000',
      building: '3号楼',
      unit: '2单元',
      room: '301',
      party: 'branch',
      roles: ['party_member', 'building_leader'],
      post: '支部书记',
      status: 'active',
      createdBy: '王书记',
      updatedBy: '王书记',
    });
    expect(doc?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(doc?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(doc?.updatedAt).toBe(doc?.createdAt);
    expect(doc && 'note' in doc).toBe(false); // empty optional fields are not stored
  });

  it('shows Chinese validation messages at the fields and saves nothing', async () => {
    await renderApp(theDb(), '#/roster');
    fireEvent.click(await screen.findByRole('button', { name: '新增人员' }));
    const form = await dialog();
    fill('手机', '12345', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));

    expect((await within(form).findByTestId('error-name')).textContent).toBe('请填写姓名。');
    expect(within(form).getByTestId('error-phone').textContent).toContain('号码格式不正确');
    expect(within(form).getByTestId('error-party').textContent).toBe('请选择代表方。');
    expect(within(form).getAllByRole('alert')).toHaveLength(3);
    expect(within(form).getByLabelText('姓名').getAttribute('aria-invalid')).toBe('true');
    // The form stays open with what was typed.
    expect((within(form).getByLabelText('手机') as HTMLInputElement).value).toBe('12345');
    expect(await theDb().roster.count().exec()).toBe(0);

    // Fixing a field clears its message.
    fill('姓名', '李秀英', form);
    expect(within(form).queryByTestId('error-name')).toBeNull();
  });

  it('edits a person without touching its creation stamp', async () => {
    await theDb().roster.insert({ id: 'p1', kind: 'person', name: '李秀英', party: 'owners_committee', status: 'active', roles: [], ...stamp });
    await renderApp(theDb(), '#/roster');
    fireEvent.click(within(await screen.findByTestId('person-row')).getByRole('button', { name: '编辑' }));
    const form = await dialog();
    expect((within(form).getByLabelText('姓名') as HTMLInputElement).value).toBe('李秀英');
    fill('职务', '业委会主任', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByTestId('person-row').textContent).toContain('业委会主任'));
    const doc = (await theDb().roster.findOne('p1').exec())?.toJSON();
    expect(doc).toMatchObject({ post: '业委会主任', createdAt: stamp.createdAt, createdBy: 'x', updatedBy: '本机用户' });
    expect(doc?.updatedAt).not.toBe(stamp.updatedAt);
  });

  it('deactivates a person: hidden by default, listed with a badge when 显示已离开 is on, reactivated again', async () => {
    await renderApp(theDb(), '#/roster');
    await addPerson({ name: '张建国', party: 'branch' });
    await addPerson({ name: '王芳', party: 'resident_group' });

    fireEvent.click(within(rowOf('王芳')).getByRole('button', { name: '标记为已离开' }));
    const confirm = await dialog();
    expect(within(confirm).getByLabelText('离开日期')).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: '确认' }));
    await waitFor(() => expect(rowNames()).toEqual(['张建国']));

    fireEvent.click(screen.getByLabelText('显示已离开'));
    await waitFor(() => expect(rowNames()).toEqual(['张建国', '王芳']));
    const left = rowOf('王芳');
    expect(left.getAttribute('data-status')).toBe('left');
    expect(within(left).getByTestId('left-badge').textContent).toContain('已离开');

    // Still stored and resolvable by id: nothing was deleted.
    const docs = await theDb().roster.find().exec();
    expect(docs).toHaveLength(2);
    const wang = docs.map((d) => d.toJSON()).find((d) => d.name === '王芳');
    expect(wang).toMatchObject({ status: 'left' });
    expect(wang?.leftAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(wang?.deactivatedAt).toBeTruthy();

    fireEvent.click(within(left).getByRole('button', { name: '恢复' }));
    await waitFor(() => expect(rowOf('王芳').getAttribute('data-status')).toBe('active'));
    const back = (await theDb().roster.findOne(wang?.id ?? '').exec())?.toJSON();
    expect(back?.status).toBe('active');
    expect(back && 'leftAt' in back).toBe(false);
  });

  it('refuses a leaving date in the future and writes nothing', async () => {
    await renderApp(theDb(), '#/roster');
    await addPerson({ name: '张建国', party: 'branch' });
    fireEvent.click(within(rowOf('张建国')).getByRole('button', { name: '标记为已离开' }));
    fill('离开日期', '2999-01-01', await dialog());
    fireEvent.click(within(await dialog()).getByRole('button', { name: '确认' }));
    expect((await within(await dialog()).findByTestId('error-leftAt')).textContent).toBe('离开日期不能晚于今天。');
    const doc = (await theDb().roster.find().exec())[0]?.toJSON();
    expect(doc?.status).toBe('active');
  });

  it('searches by name, phone and building, and filters by party and role', async () => {
    const people = [
      { id: 'p1', name: '张建国', party: 'branch', phone: '13800138000', building: '3号楼', roles: ['party_member', 'building_leader'] },
      { id: 'p2', name: '李秀英', party: 'owners_committee', phone: '13911112222', building: '5号楼', roles: ['owners_committee_member'] },
      { id: 'p3', name: '王芳', party: 'branch', building: '5号楼', roles: ['volunteer'] },
    ] as const;
    for (const p of people) await theDb().roster.insert({ ...p, roles: [...p.roles], kind: 'person', status: 'active', ...stamp });
    await renderApp(theDb(), '#/roster');
    await waitFor(() => expect(rowNames()).toEqual(['李秀英', '王芳', '张建国'])); // pinyin order

    const search = screen.getByLabelText('搜索人员');
    fireEvent.change(search, { target: { value: '1391111' } });
    await waitFor(() => expect(rowNames()).toEqual(['李秀英']));
    fireEvent.change(search, { target: { value: '5号楼' } });
    await waitFor(() => expect(rowNames()).toEqual(['李秀英', '王芳']));
    fireEvent.change(search, { target: { value: '建国' } });
    await waitFor(() => expect(rowNames()).toEqual(['张建国']));
    fireEvent.change(search, { target: { value: '不存在的人' } });
    expect((await screen.findByTestId('people-empty')).textContent).toBe('没有符合条件的人员。');
    fireEvent.change(search, { target: { value: '' } });

    fireEvent.change(screen.getByLabelText('按方别筛选'), { target: { value: 'branch' } });
    await waitFor(() => expect(rowNames()).toEqual(['王芳', '张建国']));
    fireEvent.change(screen.getByLabelText('按身份筛选'), { target: { value: 'volunteer' } });
    await waitFor(() => expect(rowNames()).toEqual(['王芳']));
    fireEvent.change(screen.getByLabelText('按方别筛选'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('按身份筛选'), { target: { value: 'owners_committee_member' } });
    await waitFor(() => expect(rowNames()).toEqual(['李秀英']));
  });

  it('a full disk: the Chinese message, the input kept, earlier data intact, and a retry saves', async () => {
    await renderApp(theDb(), '#/roster');
    await addPerson({ name: '张建国', party: 'branch', phone: '13800138000' });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const storage = theDb().roster.storageInstance;
    const bulkWrite = vi
      .spyOn(storage, 'bulkWrite')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

    fireEvent.click(screen.getByRole('button', { name: '新增人员' }));
    const form = await dialog();
    fill('姓名', '李秀英', form);
    fill('手机', '13911112222', form);
    fill('代表方', 'owners_committee', form);
    fireEvent.click(within(form).getByLabelText('业委会委员'));
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));

    const message = await within(form).findByTestId('form-error');
    expect(message.textContent).toBe('磁盘空间不足，本次修改未保存。已保存的数据不受影响，请清理磁盘后重试。');
    expect(message.getAttribute('role')).toBe('alert');
    expect(bulkWrite).toHaveBeenCalled();
    expect(quiet).toHaveBeenCalled();
    // The dialog is still open with everything typed.
    expect(screen.getByRole('dialog')).toBe(form);
    expect((within(form).getByLabelText('姓名') as HTMLInputElement).value).toBe('李秀英');
    expect((within(form).getByLabelText('手机') as HTMLInputElement).value).toBe('13911112222');
    expect((within(form).getByLabelText('代表方') as HTMLSelectElement).value).toBe('owners_committee');
    expect((within(form).getByLabelText('业委会委员') as HTMLInputElement).checked).toBe(true);
    // What was saved before is untouched.
    const stored = (await theDb().roster.find().exec()).map((d) => d.toJSON());
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: '张建国', phone: '13800138000' });
    expect(rowNames()).toEqual(['张建国']);

    // Space freed: the same click saves.
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(rowNames()).toEqual(['李秀英', '张建国']));
    expect(await theDb().roster.count().exec()).toBe(2);
  });

  it('a full disk while deactivating leaves the person active', async () => {
    await renderApp(theDb(), '#/roster');
    await addPerson({ name: '张建国', party: 'branch' });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(theDb().roster.storageInstance, 'bulkWrite').mockRejectedValueOnce(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    fireEvent.click(within(rowOf('张建国')).getByRole('button', { name: '标记为已离开' }));
    fireEvent.click(within(await dialog()).getByRole('button', { name: '确认' }));
    expect((await within(await dialog()).findByTestId('form-error')).textContent).toContain('磁盘空间不足');
    expect((await theDb().roster.find().exec())[0]?.toJSON().status).toBe('active');
  });
});

describe('组织人员 — organisations', () => {
  it('adds a 共建单位 with its agreement and service items, and links a person to it', async () => {
    await renderApp(theDb(), '#/roster');
    fireEvent.click(screen.getByRole('tab', { name: '组织' }));
    fireEvent.click(await screen.findByRole('button', { name: '新增组织' }));
    let form = await dialog();
    expect(within(form).queryByLabelText('签约日期')).toBeNull(); // only for 共建单位
    fill('名称', '市第一人民医院', form);
    fill('类型', 'co_builder', form);
    fill('联系人', '刘医生', form);
    fill('联系电话', '0571 87654321', form);
    fill('签约日期', '2024-03-15', form);
    fill('认领服务项目', '义诊\n\n健康讲座\n义诊', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));

    const row = await screen.findByTestId('organization-row');
    expect(row.textContent).toContain('市第一人民医院');
    expect(row.textContent).toContain('0571-87654321');
    expect(row.textContent).toContain('签约：2024年3月15日');
    expect(row.textContent).toContain('认领：义诊、健康讲座');
    const org = (await theDb().roster.find({ selector: { kind: 'organization' } }).exec())[0]?.toJSON();
    expect(org).toMatchObject({
      party: 'co_builder',
      contactPhone: '0571-87654321',
      agreementDate: '2024-03-15',
      serviceItems: ['义诊', '健康讲座'],
    });

    fireEvent.click(screen.getByRole('tab', { name: '人员' }));
    fireEvent.click(await screen.findByRole('button', { name: '新增人员' }));
    form = await dialog();
    fill('姓名', '刘医生', form);
    fill('代表方', 'co_builder', form);
    fill('所属组织', org?.id ?? '', form);
    fireEvent.click(within(form).getByLabelText('小区医生'));
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect((await screen.findByTestId('person-row')).textContent).toContain('市第一人民医院');
  });

  it('requires a name and a type, in Chinese', async () => {
    await renderApp(theDb(), '#/roster');
    fireEvent.click(screen.getByRole('tab', { name: '组织' }));
    fireEvent.click(await screen.findByRole('button', { name: '新增组织' }));
    const form = await dialog();
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect((await within(form).findByTestId('error-name')).textContent).toBe('请填写名称。');
    expect(within(form).getByTestId('error-party').textContent).toBe('请选择组织类型。');
    expect(await theDb().roster.count().exec()).toBe(0);
  });

  it('deactivates an organisation; people linked to it still show its name', async () => {
    await theDb().roster.insert({ id: 'o1', kind: 'organization', name: '绿城物业', party: 'property', status: 'active', ...stamp });
    await theDb().roster.insert({ id: 'p1', kind: 'person', name: '赵德明', party: 'property', organizationId: 'o1', status: 'active', roles: [], ...stamp });
    await renderApp(theDb(), '#/roster');
    fireEvent.click(screen.getByRole('tab', { name: '组织' }));
    fireEvent.click(within(await screen.findByTestId('organization-row')).getByRole('button', { name: '标记为已退出' }));
    fireEvent.click(within(await dialog()).getByRole('button', { name: '确认' }));
    await waitFor(() => expect(screen.queryByTestId('organization-row')).toBeNull());
    fireEvent.click(screen.getByLabelText('显示已退出'));
    expect(within(await screen.findByTestId('organization-row')).getByTestId('left-badge').textContent).toContain('已退出');

    fireEvent.click(screen.getByRole('tab', { name: '人员' }));
    await waitFor(() => expect(screen.getByTestId('person-row').textContent).toContain('绿城物业（已退出）'));
  });
});
