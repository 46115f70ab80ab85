// 六方联动: the views of the tasks (list, the two boards, 我的任务, 治理清单) with their filters in the address, or
// one task (#/tasks/<id>); the task form and the import dialog open over either.
import { useMemo, type ReactNode } from 'react';
import { filterTasks, filterToQuery, isTaskOf, sortTasks, type TaskFilter, type TaskKeys } from '../../../shared/domain/tasks/filters';
import type { Task } from '../../../shared/domain/tasks/types';
import { useSettings } from '../../db/hooks';
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';
import { GovernanceView } from './GovernanceView';
import { PartyBoard, StatusBoard } from './Boards';
import { FilterBar } from './FilterBar';
import { useRosterLists, useTask, useTaskActor, useTaskIndex } from './hooks';
import { exportTasks, ImportDialog } from './import';
import { reportOutcome } from './outcome';
import { printProgressNotice } from './print';
import { showTasks, tasksHash, useTasksPlace, type TasksView } from './route';
import { TaskDetail } from './TaskDetail';
import { TaskForm } from './TaskForm';
import { TaskList } from './TaskList';
import { useTasksUi } from './tasks-store';

const VIEWS: readonly { id: TasksView; label: string }[] = [
  { id: 'list', label: '任务列表' },
  { id: 'parties', label: '六方看板' },
  { id: 'statuses', label: '状态看板' },
  { id: 'mine', label: '我的任务' },
  { id: 'governance', label: '治理清单' },
];

const EMPTY_KEYS: readonly TaskKeys[] = [];

/** The open form: a task being edited is shown once loaded. */
function TaskFormHost() {
  const editing = useTasksUi((s) => s.editing);
  const close = useTasksUi((s) => s.closeEditor);
  if (!editing) return null;
  return editing.id === null ? <TaskForm key="new" task={undefined} onClose={close} /> : <EditTask id={editing.id} onClose={close} />;
}

function EditTask({ id, onClose }: { id: string; onClose: () => void }) {
  const task = useTask(id);
  const { ready } = useRosterLists();
  if (task.status !== 'ready' || !ready) return null;
  return task.data ? <TaskForm key={id} task={task.data} onClose={onClose} /> : null;
}

function Toolbar({ shown, noticeQuery }: { shown: readonly Task[]; noticeQuery: Readonly<Record<string, string>> }) {
  const openEditor = useTasksUi((s) => s.openEditor);
  const setImporting = useTasksUi((s) => s.setImporting);
  const settings = useSettings();
  const goTo = useUiStore((s) => s.goTo);
  const profile = settings.status === 'ready' ? settings.data : undefined;
  return (
    <div className="toolbar task-toolbar">
      <button type="button" className="primary" onClick={() => openEditor(null)} data-testid="new-task">
        新建任务
      </button>
      <button type="button" onClick={() => setImporting(true)} data-testid="import-tasks">
        导入治理清单
      </button>
      <span className="toolbar-spacer" />
      <button type="button" onClick={() => void reportOutcome(() => exportTasks(shown, 'xlsx'))} disabled={shown.length === 0} data-testid="export-xlsx">
        导出 Excel
      </button>
      <button type="button" onClick={() => void reportOutcome(() => exportTasks(shown, 'csv'))} disabled={shown.length === 0} data-testid="export-csv">
        导出 CSV
      </button>
      <button
        type="button"
        onClick={() => void reportOutcome(() => printProgressNotice(shown, { settings: profile }))}
        disabled={shown.length === 0}
        data-testid="print-progress-notice"
      >
        打印进展公示
      </button>
      <button
        type="button"
        onClick={() => goTo(routeHash('notices', ['new'], noticeQuery))}
        disabled={shown.length === 0}
        data-testid="create-progress-notice"
        title="在「公告打印」中生成任务进展公示草稿，编号发布、打印张贴"
      >
        生成进展公示
      </button>
    </div>
  );
}

function Views() {
  const { view, filter, sort } = useTasksPlace();
  const index = useTaskIndex();
  const actor = useTaskActor();
  const { all } = useRosterLists();
  const goTo = useUiStore((s) => s.goTo);

  // 我的任务 narrows the tasks before filtering, so its counts are of my tasks.
  const base = useMemo(() => {
    const keys = index.status === 'ready' ? index.data : EMPTY_KEYS;
    return view === 'mine' ? keys.filter((k) => isTaskOf(k.task, actor)) : keys;
  }, [index, view, actor]);
  // A board's columns are one dimension: its filter would leave a single column.
  const hide = useMemo((): readonly ('party' | 'status')[] => (view === 'parties' ? ['party'] : view === 'statuses' ? ['status'] : []), [view]);
  const applied: TaskFilter = useMemo(() => {
    const f: Record<string, unknown> = { ...filter };
    for (const h of hide) delete f[h];
    if (view === 'governance') f.source = 'governance_list';
    return f as TaskFilter;
  }, [filter, view, hide]);
  const result = useMemo(() => filterTasks(base, applied, index.today), [base, applied, index.today]);
  const rows = useMemo(() => sortTasks(result.matches, sort), [result, sort]);
  const shownTasks = useMemo(() => rows.map((k) => k.task), [rows]);
  // 生成进展公示: 公告打印 selects the same tasks from this filter (the address is the contract between sections).
  const noticeQuery = useMemo(
    () => ({
      from: 'tasks',
      ...filterToQuery(applied, sort),
      ...(view === 'mine' ? { who: actor.name, ...(actor.personId ? { person: actor.personId } : {}) } : {}),
    }),
    [applied, sort, view, actor],
  );

  let body: ReactNode;
  if (index.status === 'loading') body = <p className="muted">正在加载……</p>;
  else if (index.status === 'error') body = <p className="form-error" role="alert">读取任务失败，请重新打开此页面。</p>;
  else if (view === 'parties') body = <PartyBoard rows={rows} filter={filter} sort={sort} />;
  else if (view === 'statuses') body = <StatusBoard rows={rows} filter={filter} sort={sort} />;
  else if (view === 'governance') body = <GovernanceView rows={rows} />;
  else
    body = (
      <TaskList
        rows={rows}
        empty={
          result.total === 0
            ? view === 'mine'
              ? `没有由「${actor.name}」负责或配合的任务。`
              : '还没有任务。可点「新建任务」，或从会议决议、治理清单生成。'
            : '没有符合筛选条件的任务。'
        }
      />
    );

  return (
    <>
      <Toolbar shown={shownTasks} noticeQuery={noticeQuery} />
      <div className="tabs" role="tablist" aria-label="视图">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`tasks-tab-${v.id}`}
            data-testid={`tasks-tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls="tasks-panel"
            className={view === v.id ? 'tab active' : 'tab'}
            onClick={() => goTo(tasksHash(v.id, filter, sort))}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tasks-panel" aria-labelledby={`tasks-tab-${view}`}>
        <FilterBar
          filter={filter}
          sort={sort}
          counts={result.counts}
          shown={rows.length}
          total={result.total}
          people={all}
          hide={hide}
          onChange={(f, s) => showTasks(view, f, s)}
        />
        {body}
      </div>
    </>
  );
}

export function TasksPage() {
  const { taskId } = useTasksPlace();
  const importing = useTasksUi((s) => s.importing);
  const setImporting = useTasksUi((s) => s.setImporting);
  return (
    <>
      {taskId ? (
        <TaskDetail key={taskId} id={taskId} />
      ) : (
        <div className="page tasks-page">
          <header className="page-header">
            <h1>六方联动</h1>
            <p className="page-sub">党支部、业委会、物业公司、社会组织、共建单位、居民小组联动办理的事项：分派、跟进、验收和催办。</p>
          </header>
          <Views />
        </div>
      )}
      <TaskFormHost />
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
