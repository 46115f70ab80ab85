// Live reads for 六方联动: plain JSON snapshots from RxDB, the roster as the task rules see it, today, the compound's
// working-day calendar and who is acting.
import { useMemo } from 'react';
import { map } from 'rxjs';
import type { HolidayCalendar, LocalDate } from '../../../shared/domain/common/dates';
import type { RosterRecord } from '../../../shared/domain/roster';
import { compoundCalendar, escalationOf } from '../../../shared/domain/tasks';
import { indexTasks, isOpenStatus, type EscalationStage, type TaskKeys } from '../../../shared/domain/tasks/filters';
import type { Task, TaskActor, TaskRoster, TaskUpdate } from '../../../shared/domain/tasks/types';
import { useDatabase } from '../../db/context';
import { useObservable, useRosterDocs, useSettings, type Loadable } from '../../db/hooks';
import { useOperatorName } from '../../db/operator';
import { useSyncStatus } from '../../sync/context';
import { useToday } from '../../ui/use-today';

export { useToday };

/** Every task; live. */
export function useTasks(): Loadable<readonly Task[]> {
  const db = useDatabase();
  const source = useMemo(() => db.tasks.find().$.pipe(map((docs): readonly Task[] => docs.map((d) => d.toJSON() as Task))), [db]);
  return useObservable(source);
}

/** One task (undefined: not on this PC); live. */
export function useTask(id: string): Loadable<Task | undefined> {
  const db = useDatabase();
  const source = useMemo(() => db.tasks.findOne(id).$.pipe(map((d) => (d ? (d.toJSON() as Task) : undefined))), [db, id]);
  return useObservable(source);
}

/** The progress log of a task, newest first (ties by id, so two PCs show the same order); live. */
export function useTaskUpdates(taskId: string): Loadable<readonly TaskUpdate[]> {
  const db = useDatabase();
  const source = useMemo(
    () =>
      db.task_updates
        .find({ selector: { taskId } })
        .$.pipe(
          map((docs): readonly TaskUpdate[] =>
            docs
              .map((d) => d.toJSON() as TaskUpdate)
              .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0)),
          ),
        ),
    [db, taskId],
  );
  return useObservable(source);
}

/** Official holidays and 调休 days with the compound's own days off (设置). */
export function useCalendar(): HolidayCalendar {
  const settings = useSettings();
  const doc = settings.status === 'ready' ? settings.data : undefined;
  return useMemo(() => compoundCalendar(doc), [doc]);
}

export type RosterLists = {
  readonly roster: TaskRoster;
  /** Active people and organisations, by name, for the pickers. */
  readonly people: readonly RosterRecord[];
  readonly organizations: readonly RosterRecord[];
  /** Everyone, including those who left (names of old tasks still resolve). */
  readonly all: ReadonlyMap<string, RosterRecord>;
  readonly ready: boolean;
};

const byName = (a: RosterRecord, b: RosterRecord): number => a.name.localeCompare(b.name, 'zh-CN');

export function useRosterLists(): RosterLists {
  const docs = useRosterDocs();
  return useMemo(() => {
    const list = docs.status === 'ready' ? docs.data : [];
    const active = list.filter((d) => d.status === 'active');
    const people = active.filter((d) => d.kind === 'person').sort(byName);
    const organizations = active.filter((d) => d.kind === 'organization').sort(byName);
    const roster: TaskRoster = {
      people: new Map(people.map((p) => [p.id, { name: p.name, party: p.party, ...(p.organizationId ? { organizationId: p.organizationId } : {}) }])),
      organizations: new Map(organizations.map((o) => [o.id, { name: o.name, party: o.party }])),
    };
    return { roster, people, organizations, all: new Map(list.map((d) => [d.id, d])), ready: docs.status === 'ready' };
  }, [docs]);
}

/**
 * Who acts on tasks: the signed-in user (name and role), or on a PC that never signed in the operator as 管理员.
 * `personId`: the roster person of that name, when exactly one has it (for 我的任务).
 */
export function useTaskActor(): TaskActor {
  const session = useSyncStatus((s) => s.session);
  const operator = useOperatorName();
  const { people } = useRosterLists();
  return useMemo(() => {
    const name = session?.user.name ?? operator;
    const same = people.filter((p) => p.name === name);
    const personId = same.length === 1 ? same[0]?.id : undefined;
    const role = session?.user.role ?? 'admin';
    return personId ? { role, name, personId } : { role, name };
  }, [session, operator, people]);
}

/** The escalation stage of a task today: only open, overdue tasks can have one. */
export function stageOf(task: Task, today: LocalDate, calendar: HolidayCalendar): EscalationStage {
  if (!isOpenStatus(task.status) || !task.dueDate || task.dueDate >= today) return 'none';
  return escalationOf(task, today, calendar).stage;
}

/** The filter keys of every task (recomputed when a task changes or the day turns). */
export function useTaskIndex(): Loadable<readonly TaskKeys[]> & { today: LocalDate } {
  const tasks = useTasks();
  const today = useToday();
  const calendar = useCalendar();
  return useMemo(() => {
    if (tasks.status !== 'ready') return { ...tasks, today };
    // The stage of a late task depends on its due date only: thousands of tasks share a few hundred dates.
    const byDue = new Map<string, EscalationStage>();
    const stage = (t: Task): EscalationStage => {
      if (!isOpenStatus(t.status) || !t.dueDate || t.dueDate >= today) return 'none';
      const key = `${t.status === 'submitted' ? 's' : 'w'}${t.dueDate}`;
      let s = byDue.get(key);
      if (s === undefined) {
        s = stageOf(t, today, calendar);
        byDue.set(key, s);
      }
      return s;
    };
    return { status: 'ready', data: indexTasks(tasks.data, stage), today };
  }, [tasks, today, calendar]);
}
