// The places of 六方联动 live in the address: `#/tasks?view=…&party=…` (a view and its filters, so 工作台 cards link
// to a filtered list and a reload keeps them) and `#/tasks/<id>` (one task). Parsed once by the shell (ui/route.ts).
import { useMemo } from 'react';
import { filterFromQuery, filterToQuery, type TaskFilter, type TaskSort } from '../../../shared/domain/tasks/filters';
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';

export const TASK_VIEWS = ['list', 'parties', 'statuses', 'mine', 'governance'] as const;
export type TasksView = (typeof TASK_VIEWS)[number];

const isView = (v: string | undefined): v is TasksView => v !== undefined && (TASK_VIEWS as readonly string[]).includes(v);

export type TasksPlace = {
  readonly taskId: string | null;
  readonly view: TasksView;
  readonly filter: TaskFilter;
  readonly sort: TaskSort;
};

/** Where 六方联动 is: the open task, or a view with its filters. */
export function useTasksPlace(): TasksPlace {
  const route = useUiStore((s) => s.route);
  return useMemo(() => {
    const inTasks = route.section === 'tasks';
    const query = inTasks ? route.query : {};
    const { filter, sort } = filterFromQuery(query);
    return {
      taskId: inTasks ? (route.path[0] ?? null) : null,
      view: isView(query.view) ? query.view : 'list',
      filter,
      sort,
    };
  }, [route]);
}

/** The address of a view with its filters ('list' and the default sort are left out). */
export function tasksHash(view: TasksView, filter: TaskFilter = {}, sort: TaskSort = 'due'): string {
  return routeHash('tasks', [], { ...(view === 'list' ? {} : { view }), ...filterToQuery(filter, sort) });
}

/** Filter changes replace the address (Back leaves the list rather than undoing each keystroke). */
export function showTasks(view: TasksView, filter: TaskFilter, sort: TaskSort): void {
  useUiStore.getState().replaceRoute(tasksHash(view, filter, sort));
}

export const taskHash = (id: string): string => routeHash('tasks', [id]);

export function openTask(id: string): void {
  useUiStore.getState().goTo(taskHash(id));
}
