// 六方看板 (a column per party: a task shows under its lead party and under each co-party) and 状态看板 (a column per
// status: dropping a card on a column takes the action that leads there; the keyboard can do the same).
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PARTY_LABELS } from '../../../shared/domain/roster';
import { availableActions } from '../../../shared/domain/tasks';
import type { TaskFilter, TaskKeys, TaskSort } from '../../../shared/domain/tasks/filters';
import { TASK_ACTION_LABELS, TASK_STATUS_LABELS } from '../../../shared/domain/tasks/labels';
import type { Task } from '../../../shared/domain/tasks/types';
import { PARTIES, TASK_STATUSES, type Party, type TaskAction, type TaskStatus } from '../../../shared/schema';
import { ActionDialog, useRunAction } from './ActionDialog';
import { nextAction, planMove, REASON_ACTIONS, targetOf } from './board-move';
import { useTaskActor, useToday } from './hooks';
import { tasksHash } from './route';
import { TaskCardBody } from './TaskBits';

/** Cards per column: a board is for seeing the state of things, the list is for wading through thousands. */
export const BOARD_LIMIT = 100;

function More({ count, filter, sort }: { count: number; filter: TaskFilter; sort: TaskSort }) {
  if (count <= BOARD_LIMIT) return null;
  return (
    <a className="board-more" href={tasksHash('list', filter, sort)}>
      还有 {count - BOARD_LIMIT} 项，在列表中查看
    </a>
  );
}

export function PartyBoard({ rows, filter, sort }: { rows: readonly TaskKeys[]; filter: TaskFilter; sort: TaskSort }) {
  const columns = useMemo(() => {
    const by = new Map<Party, TaskKeys[]>(PARTIES.map((p) => [p, []]));
    for (const k of rows) for (const p of k.parties) by.get(p)?.push(k);
    return by;
  }, [rows]);
  return (
    <div className="board" data-testid="party-board">
      {PARTIES.map((p) => {
        const list = columns.get(p) ?? [];
        return (
          <section key={p} className="board-column" aria-label={PARTY_LABELS[p]} data-testid={`party-column-${p}`}>
            <h3 className="board-column-head">
              {PARTY_LABELS[p]} <span className="count">{list.length}</span>
            </h3>
            <ul className="board-cards">
              {list.slice(0, BOARD_LIMIT).map((k) => (
                <li key={k.task.id} className="task-card" data-testid={`card-${k.task.id}`}>
                  <span className={`party-role ${k.task.leadParty === p ? 'lead' : 'co'}`}>{k.task.leadParty === p ? '牵头' : '配合'}</span>
                  <TaskCardBody task={k.task} stage={k.stage} />
                </li>
              ))}
            </ul>
            <More count={list.length} filter={{ ...filter, party: p }} sort={sort} />
          </section>
        );
      })}
    </div>
  );
}

type Pending = { task: Task; action: TaskAction };

export function StatusBoard({ rows, filter, sort }: { rows: readonly TaskKeys[]; filter: TaskFilter; sort: TaskSort }) {
  const actor = useTaskActor();
  const today = useToday();
  const run = useRunAction();
  const dragging = useRef<string | null>(null);
  const [over, setOver] = useState<TaskStatus | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Pending | null>(null);
  const [menuFor, setMenuFor] = useState<string | null>(null);

  const byId = useMemo(() => new Map(rows.map((k) => [k.task.id, k.task])), [rows]);
  const columns = useMemo(() => {
    const by = new Map<TaskStatus, TaskKeys[]>(TASK_STATUSES.map((s) => [s, []]));
    for (const k of rows) by.get(k.task.status)?.push(k);
    return by;
  }, [rows]);

  async function take(task: Task, action: TaskAction, reasonNeeded: boolean) {
    setMenuFor(null);
    if (reasonNeeded) return setDialog({ task, action });
    const refused = await run(task, { action });
    setMessage(refused);
  }

  async function moveTo(task: Task, to: TaskStatus) {
    const plan = planMove(task, to, actor, today);
    if (plan.kind === 'none') return;
    if (plan.kind === 'refused') return setMessage(plan.message);
    setMessage(null);
    await take(task, plan.action, plan.needsReason);
  }

  function onCardKey(e: KeyboardEvent, task: Task) {
    if (e.target !== e.currentTarget) return; // keys inside the menu are the menu's
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      const action = nextAction(task, actor, today);
      const to = action && targetOf(action, task);
      if (!to) return setMessage(`「${task.title}」当前没有可进行的下一步。`);
      void moveTo(task, to);
    } else if (e.key === 'Enter' || e.key === ' ' || e.key === 'm') {
      e.preventDefault();
      setMenuFor(task.id);
    }
  }

  return (
    <>
      <p className="muted board-help">拖动卡片到其他状态列即可办理；也可选中卡片后按 → 进入下一状态，按 Enter 选择操作。</p>
      {message && (
        <div className="form-error" role="alert" data-testid="move-refused">
          {message}
          <button type="button" className="small" onClick={() => setMessage(null)}>
            知道了
          </button>
        </div>
      )}
      <div className="board" data-testid="status-board">
        {TASK_STATUSES.map((s) => {
          const list = columns.get(s) ?? [];
          return (
            <section
              key={s}
              className={`board-column${over === s ? ' drop-target' : ''}`}
              aria-label={TASK_STATUS_LABELS[s]}
              data-testid={`status-column-${s}`}
              onDragOver={(e) => {
                e.preventDefault();
                if (over !== s) setOver(s);
              }}
              onDragLeave={() => setOver((o) => (o === s ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const id = dragging.current ?? e.dataTransfer?.getData('text/plain');
                dragging.current = null;
                const task = id ? byId.get(id) : undefined;
                if (task) void moveTo(task, s);
              }}
            >
              <h3 className="board-column-head">
                {TASK_STATUS_LABELS[s]} <span className="count">{list.length}</span>
              </h3>
              <ul className="board-cards">
                {list.slice(0, BOARD_LIMIT).map((k) => (
                  <li
                    key={k.task.id}
                    className="task-card"
                    data-testid={`card-${k.task.id}`}
                    draggable
                    tabIndex={0}
                    aria-label={`${k.task.title}，${TASK_STATUS_LABELS[k.task.status]}`}
                    aria-haspopup="menu"
                    onDragStart={(e) => {
                      dragging.current = k.task.id;
                      e.dataTransfer?.setData('text/plain', k.task.id);
                      if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                    }}
                    onDragEnd={() => {
                      dragging.current = null;
                      setOver(null);
                    }}
                    onKeyDown={(e) => onCardKey(e, k.task)}
                  >
                    <TaskCardBody task={k.task} stage={k.stage} />
                    {menuFor === k.task.id && (
                      <MoveMenu task={k.task} onPick={(a, reason) => void take(k.task, a, reason)} onClose={() => setMenuFor(null)} />
                    )}
                  </li>
                ))}
              </ul>
              <More count={list.length} filter={{ ...filter, status: s }} sort={sort} />
            </section>
          );
        })}
      </div>
      {dialog && <ActionDialog task={dialog.task} action={dialog.action} onClose={() => setDialog(null)} />}
    </>
  );
}

/** The actions the actor may take on a card, as a keyboard menu (Escape closes). */
function MoveMenu({ task, onPick, onClose }: { task: Task; onPick: (a: TaskAction, reason: boolean) => void; onClose: () => void }) {
  const actor = useTaskActor();
  const today = useToday();
  const actions = availableActions(task, actor, today).filter((a) => targetOf(a, task) !== undefined);
  return (
    <div
      className="move-menu"
      role="menu"
      aria-label="移动到"
      data-testid="move-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {actions.length === 0 && <p className="muted">当前没有可进行的操作。</p>}
      {actions.map((a, i) => {
        const to = targetOf(a, task);
        return (
          <button
            key={a}
            type="button"
            role="menuitem"
            className="small"
            autoFocus={i === 0}
            onClick={() => onPick(a, REASON_ACTIONS.has(a))}
          >
            {TASK_ACTION_LABELS[a]}
            {to ? ` → ${TASK_STATUS_LABELS[to]}` : ''}
          </button>
        );
      })}
      <button type="button" className="small" onClick={onClose}>
        取消
      </button>
    </div>
  );
}
