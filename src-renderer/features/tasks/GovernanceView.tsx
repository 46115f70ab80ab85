// 治理清单: the tasks imported from a governance list, grouped by list item, each with its progress (n/m 已办结).
import { useMemo } from 'react';
import { governanceGroups, type TaskKeys } from '../../../shared/domain/tasks/filters';
import { TASK_STATUS_LABELS } from '../../../shared/domain/tasks/labels';
import { taskHash } from './route';
import { VirtualRows } from '../../ui/VirtualRows';

const GROUP_ROW_HEIGHT = 64;
/** Tasks named on an item's row; more are counted. */
const SHOWN_PER_ITEM = 4;

export function GovernanceView({ rows }: { rows: readonly TaskKeys[] }) {
  const groups = useMemo(() => governanceGroups(rows.map((k) => k.task)), [rows]);
  if (groups.length === 0)
    return (
      <p className="empty" data-testid="governance-empty">
        没有来自治理清单的任务。可用「导入治理清单」从 Excel 或 CSV 导入。
      </p>
    );
  return (
    <>
      <div className="governance-row task-head" aria-hidden="true">
        <div>清单 · 条目</div>
        <div>任务</div>
        <div>进展</div>
      </div>
      <VirtualRows
        count={groups.length}
        rowHeight={GROUP_ROW_HEIGHT}
        label="治理清单"
        testId="governance-list"
        renderRow={(i) => {
          const g = groups[i];
          if (!g) return null;
          return (
            <div className="governance-row" data-testid={`governance-item-${g.listName}-${g.itemNo}`}>
              <div>
                <div>
                  {g.itemNo && <span className="mono">{g.itemNo}. </span>}
                  {g.itemTitle ?? g.tasks[0]?.title}
                </div>
                <div className="muted">{g.listName}</div>
              </div>
              <div className="governance-tasks">
                {g.tasks.slice(0, SHOWN_PER_ITEM).map((t) => (
                  <a key={t.id} href={taskHash(t.id)} className="chip" title={t.title}>
                    {t.title}（{TASK_STATUS_LABELS[t.status]}）
                  </a>
                ))}
                {g.tasks.length > SHOWN_PER_ITEM && <span className="muted">等 {g.tasks.length} 项</span>}
              </div>
              <div className={g.total > 0 && g.done === g.total ? 'ok-text' : undefined} data-testid="governance-progress">
                {g.done}/{g.total} 已办结
              </div>
            </div>
          );
        }}
      />
    </>
  );
}
