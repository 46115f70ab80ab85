import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RosterDoc } from '../../../../shared/schema';
import { DatabaseProvider } from '../../../db/context';
import type { LinliDatabase } from '../../../db/database';
import { openTestDatabase, teardown } from '../../../testing/render-app';
import { xlsxBytes } from './export';
import { ImportDialog } from './index';
import { MAPPINGS_KEY } from './mapping-store';

let db: LinliDatabase | undefined;
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};
const stamp = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: 'x', updatedBy: 'x' };
const person = (id: string, name: string, party: RosterDoc['party']): RosterDoc => ({ ...stamp, id, kind: 'person', name, party, status: 'active' });

beforeEach(async () => {
  localStorage.clear();
  db = await openTestDatabase();
  await theDb().roster.bulkInsert([person('p-li', '李秀英', 'property'), person('p-zhang', '张建国', 'branch')]);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
});

const CSV = [
  '序号,问题,牵头方,责任人,配合方,完成时限',
  '1,3号楼电梯异响,物业,李秀英,业委会、居民小组,2099/12/1',
  '2,,物业,李秀英,,2099-12-01',
  '3,东门道路修缮,街道办,赵六,,2099年13月1日',
  '4,北区停车位划线,党支部,张建国,物业公司,2099年12月31日',
].join('\r\n');

function show() {
  const onClose = vi.fn();
  render(
    <DatabaseProvider db={theDb()}>
      <ImportDialog open onClose={onClose} />
    </DatabaseProvider>,
  );
  return onClose;
}
const pickFile = (f: File) => fireEvent.change(screen.getByTestId('import-file'), { target: { files: [f] } });
const taskCount = async () => (await theDb().tasks.find().exec()).length;

describe('ImportDialog', () => {
  it('renders nothing when closed', () => {
    render(
      <DatabaseProvider db={theDb()}>
        <ImportDialog open={false} onClose={() => undefined} />
      </DatabaseProvider>,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a CSV with 2 bad rows: both errors shown, nothing imported until confirmed; a second import duplicates nothing', async () => {
    show();
    pickFile(new File(['\uFEFF' + CSV], '2026年度治理清单.csv', { type: 'text/csv' }));
    const summary = await screen.findByTestId('import-summary');
    expect(summary.textContent).toBe('共 4 行数据：将导入 2 条，跳过 2 条有误的行。');
    const errors = within(screen.getByTestId('import-errors')).getAllByRole('listitem').map((li) => li.textContent);
    expect(errors).toEqual([
      '第 3 行：缺少标题。',
      '第 4 行：牵头方“街道办”无法识别，应为党支部、业委会、物业公司、社会组织、共建单位、居民小组之一。',
      '第 4 行：责任人“赵六”不在组织人员名册的在任人员中，请先在「组织人员」中登记，或改正姓名。',
      '第 4 行：截止日期“2099年13月1日”无法识别，请按 2026-12-01、2026/12/1 或 2026年12月1日 填写。',
    ]);
    expect(within(screen.getByTestId('import-preview')).getAllByRole('row')).toHaveLength(5);
    expect(await taskCount()).toBe(0);

    fireEvent.click(screen.getByTestId('import-confirm'));
    await screen.findByTestId('import-done');
    expect(screen.getByTestId('import-done').textContent).toContain('已导入 2 条任务');
    expect(screen.getByTestId('import-done').textContent).toContain('跳过 2 条有误的行。');
    const tasks = (await theDb().tasks.find().exec()).map((d) => d.toJSON());
    expect(tasks.map((t) => t.title).sort()).toEqual(['3号楼电梯异响', '北区停车位划线']);
    expect(tasks.every((t) => t.status === 'pending' && t.source?.kind === 'governance_list' && t.source.listName === '2026年度治理清单')).toBe(true);

    // The same file again: the two items are there already.
    cleanup();
    show();
    pickFile(new File([CSV], '2026年度治理清单.csv', { type: 'text/csv' }));
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toBe('共 4 行数据：将导入 0 条，跳过 2 条有误的行；已存在 2 条，未重复导入。'));
    expect((screen.getByTestId('import-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(await taskCount()).toBe(2);
  });

  it('remembers a changed mapping for the same layout', async () => {
    show();
    pickFile(new File([CSV], 'a.csv'));
    await screen.findByTestId('import-summary');
    // 配合方 not imported: the co-party column is ignored.
    fireEvent.change(screen.getByTestId('map-coParties'), { target: { value: '' } });
    await waitFor(() => expect(localStorage.getItem(MAPPINGS_KEY)).toContain('"title":1'));
    cleanup();
    show();
    pickFile(new File([CSV], 'b.csv'));
    await screen.findByTestId('import-summary');
    expect((screen.getByTestId('map-coParties') as HTMLSelectElement).value).toBe('');
    expect((screen.getByTestId('map-title') as HTMLSelectElement).value).toBe('1');
  });

  it('says so in Chinese when a file cannot be read', async () => {
    show();
    pickFile(new File(['x'], '清单.xls'));
    expect((await screen.findByTestId('import-read-error')).textContent).toContain('只能导入 CSV');
  });

  it('imports 500 XLSX rows in one write, with a progress bar meanwhile', async () => {
    const header = ['序号', '事项', '牵头方', '责任人', '完成时限'];
    const rows = Array.from({ length: 500 }, (_, i) => [String(i + 1), `事项${i + 1}`, '物业', '李秀英', '2099-12-31']);
    const bytes = await xlsxBytes(header, rows);
    const bulk = vi.spyOn(theDb().tasks, 'bulkInsert');
    show();
    pickFile(new File([bytes], '五百条.xlsx'));
    await screen.findByTestId('import-progress');
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toBe('共 500 行数据：将导入 500 条，跳过 0 条有误的行。'), { timeout: 15_000 });
    fireEvent.click(screen.getByTestId('import-confirm'));
    await screen.findByTestId('import-done', {}, { timeout: 15_000 });
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(await taskCount()).toBe(500);
  }, 30_000);
});
