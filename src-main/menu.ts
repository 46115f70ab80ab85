// The Chinese application menu. Roles keep native behaviour (and shortcuts); labels are ours, since role labels
// follow the OS language, not the app's.
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { WINDOW_TITLE } from './window';

const showAbout = (): void => {
  const win = BrowserWindow.getFocusedWindow();
  const options = {
    type: 'info' as const,
    title: `关于${WINDOW_TITLE}`,
    message: WINDOW_TITLE,
    detail: `版本 ${app.getVersion()}\n小区党支部、业委会、共建理事会的离线优先工作台。`,
    buttons: ['确定'],
  };
  const shown = win === null ? dialog.showMessageBox(options) : dialog.showMessageBox(win, options);
  shown.catch((e: unknown) => console.error('about dialog failed', e));
};

/** Prints what the focused window shows; documents (notices, vouchers) print through the bridge instead. */
const printFocused = (): void => {
  BrowserWindow.getFocusedWindow()?.webContents.print({ printBackground: true, pageSize: 'A4' });
};

/** Developer tools only in `electron .` (unpackaged); the installed app has none. */
export function menuTemplate(platform: NodeJS.Platform = process.platform, packaged: boolean = app.isPackaged): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const devTools: MenuItemConstructorOptions[] = packaged ? [] : [{ type: 'separator' }, { role: 'toggleDevTools', label: '开发者工具' }];
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: WINDOW_TITLE,
          submenu: [
            { label: `关于${WINDOW_TITLE}`, click: showAbout },
            { type: 'separator' },
            { role: 'hide', label: `隐藏${WINDOW_TITLE}` },
            { role: 'hideOthers', label: '隐藏其他' },
            { role: 'unhide', label: '全部显示' },
            { type: 'separator' },
            { role: 'quit', label: `退出${WINDOW_TITLE}` },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: '文件',
      submenu: [
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: printFocused },
        { type: 'separator' },
        mac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新加载' },
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
        ...devTools,
      ],
    },
    {
      label: '帮助',
      role: 'help',
      submenu: [{ label: `关于${WINDOW_TITLE}`, click: showAbout }],
    },
  ];
}

export function installMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
}
