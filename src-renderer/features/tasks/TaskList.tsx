// 任务列表 (and 我的任务): one row per task, virtualised.
import { PARTY_LABELS } from '../../../shared/domain/roster';
import type { TaskKeys } from '../../../shared/domain/tasks/filters';
import { TASK_SOURCE_LABELS } from '../../../shared/domain/tasks/labels';
import { PriorityMark, StageBadge, StatusBadge, coPartyLine } from './TaskBits';
import { taskHash } from './route';
import { VirtualRows } from '../../ui/VirtualRows';

export const ROW_HEIGHT = 56;

function TaskRow({ k }: { k: TaskKeys }) {
  const t = k.task;
  const co = coPartyLine(t);
  return (
    <div className="task-row" data-testid={`task-row-${t.id}`} data-status={t.status}>
      <div className="task-row-main">
        <a href={taskHash(t.id)} className="task-row-title">
          {t.title}
        </a>
        <div className="task-row-meta muted">
          {t.source && <span>{TASK_SOURCE_LABELS[t.source.kind]}</span>}
          {t.location && <span>{t.location}</span>}
          {co && <span>配合：{co}</span>}
        </div>
      </div>
      <div className="task-row-lead">
        <div>{PARTY_LABELS[t.leadParty]}</div>
        <div className="muted">{[t.leadOrganizationName, t.ownerName].filter((x) => x).join(' · ')}</div>
      </div>
      <div className="task-row-status">
        <StatusBadge status={t.status} /> <PriorityMark task={t} />
      </div>
      <div className="task-row-due">
        <span className="mono">{t.dueDate ?? '—'}</span> <StageBadge stage={k.stage} />
      </div>
    </div>
  );
}

export function TaskList({ rows, empty }: { rows: readonly TaskKeys[]; empty: string }) {
  if (rows.length === 0)
    return (
      <p className="empty" data-testid="task-list-empty">
        {empty}
      </p>
    );
  return (
    <>
      <div className="task-row task-head" aria-hidden="true">
        <div>任务</div>
        <div>牵头方 · 责任人</div>
        <div>状态</div>
        <div>截止日期</div>
      </div>
      <VirtualRows
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        label="任务列表"
        testId="task-list"
        renderRow={(i) => {
          const k = rows[i];
          return k ? <TaskRow k={k} /> : null;
        }}
      />
    </>
  );
}
