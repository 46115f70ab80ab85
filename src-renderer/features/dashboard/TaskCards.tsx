// 工作台 cards of 六方联动: open tasks per party, overdue, awaiting acceptance, escalated — each a link to the list
// filtered the same way (the filter lives in the address, shared/domain/tasks/filters.ts counts it).
import { useMemo } from 'react';
import { map } from 'rxjs';
import { localDate } from '../../../shared/domain/common/dates';
import { PARTY_LABELS } from '../../../shared/domain/roster';
import { compoundCalendar, escalationOf } from '../../../shared/domain/tasks';
import { filterTasks, filterToQuery, indexTasks, OPEN_STATUSES, type TaskFilter } from '../../../shared/domain/tasks/filters';
import type { Task } from '../../../shared/domain/tasks/types';
import { PARTIES } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { useObservable, useSettings } from '../../db/hooks';
import { routeHash } from '../../ui/route';
import { useFirstScreenHold } from '../../ui/first-screen';

const listHash = (filter: TaskFilter): string => routeHash('tasks', [], filterToQuery(filter));

function useTaskCounts() {
  const db = useDatabase();
  // Only open tasks are counted: read those through the status index, not every task the compound ever had (a
  // cold start with 10,000 tasks stored, issue #14); whether there are any at all is a count.
  const source = useMemo(
    () =>
      db.tasks
        .find({ selector: { status: { $in: [...OPEN_STATUSES] } } })
        .$.pipe(map((docs): readonly Task[] => docs.map((d) => d.toJSON() as Task))),
    [db],
  );
  const tasks = useObservable(source);
  const totalSource = useMemo(() => db.tasks.count().$, [db]);
  const total = useObservable(totalSource);
  const settings = useSettings();
  const settingsDoc = settings.status === 'ready' ? settings.data : undefined;
  const calendar = useMemo(() => compoundCalendar(settingsDoc), [settingsDoc]);
  return useMemo(() => {
    if (tasks.status !== 'ready' || total.status !== 'ready') return null;
    const today = localDate(new Date());
    const index = indexTasks(tasks.data, (t) => (t.dueDate && t.dueDate < today ? escalationOf(t, today, calendar).stage : 'none'));
    // One pass gives the per-party counts of open tasks and the overdue / urged / escalated counts among them.
    const open = filterTasks(index, { status: 'open' }, today).counts;
    return { total: total.data, party: open.party, overdue: open.overdue, submitted: open.status.submitted, escalated: open.stage.escalated };
  }, [tasks, total, calendar]);
}

function Stat({ label, count, href, testId, warn }: { label: string; count: number; href: string; testId: string; warn?: boolean }) {
  return (
    <a className={`stat${warn && count > 0 ? ' stat-warn' : ''}`} href={href} data-testid={testId}>
      <span className="stat-count">{count}</span>
      <span className="stat-label">{label}</span>
    </a>
  );
}

export function TaskCards() {
  const counts = useTaskCounts();
  useFirstScreenHold(counts !== null);
  if (!counts) return <p className="muted">正在加载……</p>;
  if (counts.total === 0)
    return (
      <div className="prompt" data-testid="tasks-prompt">
        <p>还没有六方联动任务。可以新建任务、从会议决议生成，或导入治理清单。</p>
        <a className="button" href={routeHash('tasks')}>
          前往六方联动
        </a>
      </div>
    );
  return (
    <div data-testid="task-cards">
      <div className="stats">
        <Stat label="已逾期" count={counts.overdue} href={listHash({ overdue: true })} testId="tasks-overdue" warn />
        <Stat label="待验收" count={counts.submitted} href={listHash({ status: 'submitted' })} testId="tasks-submitted" />
        <Stat label="已上报支部书记" count={counts.escalated} href={listHash({ stage: 'escalated' })} testId="tasks-escalated" warn />
      </div>
      <table className="table compact" data-testid="tasks-by-party">
        <thead>
          <tr>
            <th>六方</th>
            <th className="num">未办结任务（牵头或配合）</th>
          </tr>
        </thead>
        <tbody>
          {PARTIES.map((p) => (
            <tr key={p}>
              <td>{PARTY_LABELS[p]}</td>
              <td className="num">
                <a href={listHash({ party: p, status: 'open' })} data-testid={`tasks-open-${p}`}>
                  {counts.party[p]}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
