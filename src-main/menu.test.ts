import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, dialog, fakeElectron, Menu, type MenuTemplateItem } from '../tests/unit/fakes/electron';
import { installMenu, menuTemplate } from './menu';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));

const asItems = (t: ReturnType<typeof menuTemplate>): MenuTemplateItem[] => t as MenuTemplateItem[];
const flatten = (items: MenuTemplateItem[]): MenuTemplateItem[] =>
  items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
const submenu = (items: MenuTemplateItem[], label: string): MenuTemplateItem[] =>
  items.find((i) => i.label === label)?.submenu ?? [];
const labels = (items: MenuTemplateItem[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);
const CHINESE = /[\u4e00-\u9fff]/;

beforeEach(() => fakeElectron.reset());

describe.each(['win32', 'linux'] as const)('menu on %s', (platform) => {
  const t = asItems(menuTemplate(platform));

  it('has 文件 编辑 视图 帮助', () => expect(t.map((i) => i.label)).toEqual(['文件', '编辑', '视图', '帮助']));
  it('文件: 打印… 退出', () => expect(labels(submenu(t, '文件'))).toEqual(['打印…', '退出']));
  it('编辑: 撤销 重做 剪切 复制 粘贴 全选, all by role', () => {
    const edit = submenu(t, '编辑').filter((i) => i.type !== 'separator');
    expect(edit.map((i) => [i.label, i.role])).toEqual([
      ['撤销', 'undo'], ['重做', 'redo'], ['剪切', 'cut'], ['复制', 'copy'], ['粘贴', 'paste'], ['全选', 'selectAll'],
    ]);
  });
  it('视图: 重新加载 实际大小 放大 缩小 全屏', () =>
    expect(labels(submenu(t, '视图'))).toEqual(['重新加载', '实际大小', '放大', '缩小', '全屏']));
  it('帮助: 关于邻里工作台', () => expect(labels(submenu(t, '帮助'))).toEqual(['关于邻里工作台']));
  it('every label is Chinese', () => {
    for (const item of flatten(t)) if (item.type !== 'separator') expect(item.label).toMatch(CHINESE);
  });
  it('offers no developer tools once packaged', () => {
    expect(flatten(t).map((i) => i.role)).not.toContain('toggleDevTools');
  });
  it('offers 开发者工具 when run unpackaged (electron .)', () => {
    const dev = submenu(asItems(menuTemplate(platform, false)), '视图');
    expect(dev.find((i) => i.role === 'toggleDevTools')?.label).toBe('开发者工具');
  });
});

describe('menu on macOS', () => {
  const t = asItems(menuTemplate('darwin'));
  it('starts with the app menu, keeps the four menus, all labels Chinese', () => {
    expect(t.map((i) => i.label)).toEqual(['邻里工作台', '文件', '编辑', '视图', '帮助']);
    for (const item of flatten(t)) if (item.type !== 'separator') expect(item.label).toMatch(CHINESE);
  });
});

describe('behaviour', () => {
  it('installMenu sets the built menu', () => {
    installMenu();
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(Menu.buildFromTemplate.mock.results[0]?.value);
  });

  it('关于邻里工作台 shows the version', () => {
    const about = flatten(asItems(menuTemplate('linux'))).find((i) => i.label === '关于邻里工作台');
    about?.click?.();
    expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ title: '关于邻里工作台', detail: expect.stringContaining('0.1.0') }));
  });

  it('打印… prints the focused window on A4', () => {
    const win = new BrowserWindow({});
    BrowserWindow.focused = win;
    flatten(asItems(menuTemplate('linux'))).find((i) => i.label === '打印…')?.click?.();
    expect(win.webContents.print).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4' }));
  });
});
