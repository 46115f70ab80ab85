// Test helpers for the renderer project (jsdom + fake-indexeddb). At most one database is open at a time:
// RxDB allows 13 open collections per JS realm and ours has 9, so every test removes its database afterwards.
import { cleanup, fireEvent, render, screen, waitFor, within, type RenderResult } from '@testing-library/react';
import { App } from '../app/App';
import { resetUiStore } from '../ui/ui-store';
import { openDatabase, type LinliDatabase } from '../db/database';
import { resetRosterUi } from '../features/roster/roster-store';
import { resetTasksUi } from '../features/tasks/tasks-store';

export async function openTestDatabase(): Promise<LinliDatabase> {
  return openDatabase({ name: `test-${crypto.randomUUID()}` });
}

/** Renders the whole app on `db`, at the given section, from clean UI state; waits for the shell. */
export async function renderApp(db: LinliDatabase, hash = '#/dashboard', options: { keepStorage?: boolean } = {}): Promise<RenderResult> {
  window.location.hash = hash;
  if (!options.keepStorage) localStorage.clear();
  resetUiStore();
  resetRosterUi();
  resetTasksUi();
  const result = render(<App database={Promise.resolve(db)} />);
  await screen.findByRole('navigation', { name: '主导航' });
  // The hash is applied in an effect: wait until the asked-for section is the current one, so that tests can
  // query its page synchronously.
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  await waitFor(() => {
    const link = screen.queryByTestId(`nav-${id}`);
    if (link && link.getAttribute('aria-current') !== 'page') throw new Error(`section ${id} not shown yet`);
  });
  return result;
}

/** Unmounts React first (its subscriptions), then deletes the database. */
export async function teardown(db: LinliDatabase | undefined): Promise<void> {
  cleanup();
  if (db && !db.closed) await db.remove();
}

export const fill = (label: string | RegExp, value: string, scope: HTMLElement = document.body): void => {
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
};

/** The open dialog (it may open a moment after the click, once the records it needs are loaded). */
export const dialog = (): Promise<HTMLElement> => screen.findByRole('dialog');
