import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StorageStatus } from '../db/storage';
import { QuotaNotice, QuotaWarning, quotaHeadline } from './QuotaWarning';
import { StorageStatusView } from './StorageStatusView';

const MB = 1024 * 1024;
const GB = 1024 * MB;
const status = (usage: number | null, quota: number | null): StorageStatus => ({ persisted: false, usage, quota });

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'storage');
});

describe('quota warning', () => {
  it('says nothing while there is room, or when the host cannot tell', () => {
    expect(quotaHeadline(status(100 * MB, 10 * GB))).toBeNull();
    expect(quotaHeadline(status(null, null))).toBeNull();
    expect(quotaHeadline(null)).toBeNull();
  });

  it('warns early (low) and urgently (critical), with the figures', () => {
    expect(quotaHeadline(status(8 * GB, 10 * GB))).toBe('本机存储空间不多了（剩余约 2.0 GB，已用 80%），请尽早处理。');
    expect(quotaHeadline(status(10 * GB - 40 * MB, 10 * GB))).toBe('本机存储空间即将用完（剩余约 40.0 MB，已用 100%）。空间用完后，新的修改将无法保存。');
  });

  it('tells the web host not to clear browser data and to use the desktop app; the desktop to copy a backup to a USB stick', () => {
    render(<QuotaNotice status={status(9 * GB, 10 * GB)} host="web" />);
    const web = screen.getByTestId('quota-advice').textContent ?? '';
    expect(web).toContain('不要清除浏览器数据');
    expect(web).toContain('桌面版');
    cleanup();
    render(<QuotaNotice status={status(9 * GB, 10 * GB)} host="desktop" />);
    const desktop = screen.getByTestId('quota-advice').textContent ?? '';
    expect(desktop).toContain('另存一份到U盘');
    expect(desktop).toContain('旧附件、照片');
    expect(desktop).toContain('清理电脑磁盘空间');
  });

  it('the storage card shows the warning under the usage, and whether persistent storage was granted', () => {
    render(<StorageStatusView status={status(9.9 * GB, 10 * GB)} />);
    expect(screen.getByTestId('storage-persisted').textContent).toContain('未开启');
    expect(screen.getByTestId('quota-warning').textContent).toContain('即将用完');
    expect(screen.getByTestId('quota-advice')).toBeTruthy();
    cleanup();
    render(<StorageStatusView status={status(9.9 * GB, 10 * GB)} quotaAdvice={false} />);
    expect(screen.getByTestId('quota-warning')).toBeTruthy();
    expect(screen.queryByTestId('quota-advice')).toBeNull();
  });

  it('the 工作台 banner reads the browser’s estimate', async () => {
    Object.defineProperty(navigator, 'storage', {
      configurable: true,
      value: { persisted: async () => true, persist: async () => true, estimate: async () => ({ usage: 950 * MB, quota: 1000 * MB }) },
    });
    render(<QuotaWarning />);
    expect((await screen.findByTestId('quota-banner')).textContent).toContain('即将用完');
  });
});
