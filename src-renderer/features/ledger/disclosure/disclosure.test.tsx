import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinliDatabase } from '../../../db/database';
import { DatabaseProvider } from '../../../db/context';
import { openTestDatabase, teardown } from '../../../testing/render-app';
import { seedBooks } from '../reports/test-books';
import { DisclosureTab } from './index';
import { webBridge } from '../../../bridge/web';

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

const pickMonth = (month: number) => {
  fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2026' } });
  fireEvent.change(screen.getByLabelText('期间'), { target: { value: String(month) } });
};

describe('财务台账 — 财务收支公示', () => {
  it('is refused for an open month and shown, then printed with 公示期 and 落款, for a closed one', async () => {
    await seedBooks(db!, { closeJanuary: true });
    render(
      <DatabaseProvider db={db!}>
        <DisclosureTab />
      </DatabaseProvider>,
    );
    await screen.findByLabelText('年度');
    pickMonth(2);
    await waitFor(() => expect(screen.getByTestId('disclosure-refused').textContent).toMatch(/^2026年2月尚未结账。财务收支公示只能针对已结账的期间/));
    expect(screen.queryByTestId('disclosure-figures')).toBeNull();

    pickMonth(1);
    await waitFor(() => expect(screen.getByTestId('disclosure-income').textContent).toBe('¥800.00'));
    expect(screen.getByTestId('disclosure-expense').textContent).toBe('¥2,500.00');
    expect(screen.getByTestId('disclosure-opening').textContent).toBe('¥62,000.00');
    expect(screen.getByTestId('disclosure-closing').textContent).toBe('¥60,300.00');
    expect(screen.getByTestId('disclosure-hash').textContent).toMatch(/^[0-9a-f]{64}$/);
    // ¥2,500.00 is at least the ¥1,000.00 threshold: listed as a large item.
    expect(screen.getByTestId('disclosure-large').textContent).toContain('电梯维修');

    const print = vi.fn(async (_a: { html: string; title: string }) => ({ ok: true as const, value: { printed: true } }));
    window.linli = { ...webBridge, 'print:html': print } as never; // a desktop bridge: the rest as the browser's
    fireEvent.change(screen.getByLabelText('落款'), { target: { value: '阳光花园业主委员会' } });
    fireEvent.change(screen.getByLabelText('落款日期'), { target: { value: '2026-02-05' } });
    fireEvent.change(screen.getByLabelText('公示开始日期'), { target: { value: '2026-02-05' } });
    fireEvent.change(screen.getByLabelText('公示结束日期'), { target: { value: '2026-02-15' } });
    fireEvent.click(screen.getByTestId('disclosure-print'));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const html = print.mock.calls[0]![0].html;
    expect(html).toContain('2026年1月财务收支公示');
    expect(html).toContain('公示期：2026年2月5日至2026年2月15日');
    expect(html).toContain('<p>阳光花园业主委员会</p><p>2026年2月5日</p>');
  });
});

describe('财务台账 — 生成公示公告', () => {
  it('hands the closed span, the threshold and the 公示期 to 公告打印', async () => {
    await seedBooks(db!, { closeJanuary: true });
    render(
      <DatabaseProvider db={db!}>
        <DisclosureTab />
      </DatabaseProvider>,
    );
    await screen.findByLabelText('年度');
    pickMonth(1);
    await waitFor(() => expect(screen.getByTestId('disclosure-income').textContent).toBe('¥800.00'));
    fireEvent.change(screen.getByLabelText('落款日期'), { target: { value: '2026-02-05' } });
    fireEvent.change(screen.getByLabelText('公示开始日期'), { target: { value: '2026-02-05' } });
    fireEvent.change(screen.getByLabelText('公示结束日期'), { target: { value: '2026-02-15' } });
    fireEvent.click(screen.getByTestId('disclosure-notice'));
    expect(window.location.hash).toBe('#/notices/new?from=finance&span=month%3A2026-01&threshold=100000&issueDate=2026-02-05&postFrom=2026-02-05&postUntil=2026-02-15');
  });
});
