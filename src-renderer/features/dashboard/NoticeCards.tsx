// 工作台 card of 公告打印: how many notices are on the board now and how many must come down (公示期 over, or
// superseded by a newer notice, and not yet marked 已撤下) — each a link to 在贴公告.
import { useMemo } from 'react';
import { map } from 'rxjs';
import { isOnBoard, mustComeDown, noticeDisplayStatus } from '../../../shared/domain/notices/lifecycle';
import type { NoticeDoc } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { useObservable } from '../../db/hooks';
import { routeHash } from '../../ui/route';
import { useToday } from '../../ui/use-today';

function useNoticeCounts(): { onBoard: number; comeDown: number; total: number } | null {
  const db = useDatabase();
  const source = useMemo(() => db.notices.find().$.pipe(map((docs): readonly NoticeDoc[] => docs.map((d) => d.toJSON() as NoticeDoc))), [db]);
  const notices = useObservable(source);
  const today = useToday();
  return useMemo(() => {
    if (notices.status !== 'ready') return null;
    const issued = notices.data.filter((n) => n.status === 'issued');
    return {
      onBoard: issued.filter((n) => isOnBoard(noticeDisplayStatus(n, today))).length,
      comeDown: issued.filter((n) => mustComeDown(n, today)).length,
      total: notices.data.length,
    };
  }, [notices, today]);
}

export function NoticeCards() {
  const counts = useNoticeCounts();
  if (!counts) return <p className="muted">正在加载……</p>;
  const board = routeHash('notices');
  if (counts.total === 0)
    return (
      <div className="prompt" data-testid="notices-prompt">
        <p>还没有公告。会议通知、决议公告、财务收支公示和任务进展公示都可以在公告打印中生成、编号、打印。</p>
        <a className="button" href={board}>
          前往公告打印
        </a>
      </div>
    );
  return (
    <div className="stats" data-testid="notice-cards">
      <a className="stat" href={board} data-testid="notices-on-board">
        <span className="stat-count">{counts.onBoard}</span>
        <span className="stat-label">在贴公告</span>
      </a>
      <a className={`stat${counts.comeDown > 0 ? ' stat-warn' : ''}`} href={board} data-testid="notices-come-down">
        <span className="stat-count">{counts.comeDown}</span>
        <span className="stat-label">需撤下</span>
      </a>
    </div>
  );
}
