import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webHostOrigin } from '../bridge/host';
import { nextUpdateState, shouldRegisterServiceWorker, type UpdateEvent, type UpdateState } from './policy';
import { UpdateBanner } from './UpdateBanner';
import { usePwaStore } from './update-store';

const web = { protocol: 'http:', origin: 'http://192.168.1.20:8787', hasDesktopBridge: false };

describe('which host (issue #16)', () => {
  it.each([
    ['the web host over http', 'http://192.168.1.20:8787', web],
    ['the web host over https', 'https://linli.example', { protocol: 'https:', origin: 'https://linli.example', hasDesktopBridge: false }],
    ['the desktop app (app://linli, preload bridge)', null, { protocol: 'app:', origin: 'app://linli', hasDesktopBridge: true }],
    ['a desktop bridge on an http page (dev server in Electron)', null, { ...web, hasDesktopBridge: true }],
    ['a page opened from a file', null, { protocol: 'file:', origin: 'null', hasDesktopBridge: false }],
  ])('%s → %s', (_name, origin, host) => {
    expect(webHostOrigin(host)).toBe(origin);
  });

  it.each([
    ['the built web host', true, { ...web, hasServiceWorkerApi: true, dev: false }],
    ['the desktop app', false, { protocol: 'app:', origin: 'app://linli', hasDesktopBridge: true, hasServiceWorkerApi: true, dev: false }],
    ["vite's dev server", false, { ...web, hasServiceWorkerApi: true, dev: true }],
    ['an insecure context (no navigator.serviceWorker)', false, { ...web, hasServiceWorkerApi: false, dev: false }],
  ])('registers the service worker on %s: %s', (_name, expected, env) => {
    expect(shouldRegisterServiceWorker(env)).toBe(expected);
  });
});

describe('the update banner\'s states', () => {
  it.each<[UpdateState, UpdateEvent, UpdateState]>([
    ['none', 'need-refresh', 'waiting'],
    ['waiting', 'need-refresh', 'waiting'],
    ['waiting', 'dismissed', 'none'],
    ['waiting', 'update-requested', 'updating'],
    ['updating', 'controller-changed', 'updating'],
    ['updating', 'dismissed', 'updating'],
    // Another tab's 立即更新: this page keeps running (and what is typed in it) and says so.
    ['waiting', 'controller-changed', 'activated-elsewhere'],
    ['none', 'controller-changed', 'activated-elsewhere'],
    ['activated-elsewhere', 'need-refresh', 'activated-elsewhere'],
  ])('%s + %s → %s', (state, event, next) => {
    expect(nextUpdateState(state, event)).toBe(next);
  });
});

describe('UpdateBanner', () => {
  afterEach(() => {
    cleanup();
    usePwaStore.setState({ update: 'none', applyUpdate: () => {} });
  });

  it('shows nothing until a new version waits; then offers 立即更新 and 稍后, and never updates on its own', () => {
    const apply = vi.fn();
    usePwaStore.getState().setApplyUpdate(apply);
    render(<UpdateBanner />);
    expect(screen.queryByTestId('update-banner')).toBeNull();
    act(() => usePwaStore.getState().send('need-refresh'));
    expect(screen.getByTestId('update-banner').textContent).toContain('有新版本，重新打开即可使用');
    expect(apply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '稍后' }));
    expect(screen.queryByTestId('update-banner')).toBeNull();
    act(() => usePwaStore.getState().send('need-refresh'));
    fireEvent.click(screen.getByRole('button', { name: '立即更新' }));
    expect(apply).toHaveBeenCalledOnce();
    expect(screen.getByTestId('update-banner').dataset.state).toBe('updating');
    expect((screen.getByTestId('update-now') as HTMLButtonElement).disabled).toBe(true);
  });

  it('after another tab updated, asks to reopen this page', () => {
    usePwaStore.getState().send('controller-changed');
    render(<UpdateBanner />);
    expect(screen.getByTestId('update-banner').textContent).toContain('新版本已在另一个窗口启用');
    expect(screen.getByRole('button', { name: '重新打开' })).toBeTruthy();
  });
});
