// 设置 → 工作日历: the compound's own days off and extra workdays on top of the official holidays and 调休 days
// (kept data). 六方联动's 催办 and 上报 count working days with them. Each change is saved at once.
import { useState, type FormEvent } from 'react';
import { formatDateCn, weekdayCn } from '../../../shared/domain/common/dates';
import { OFFICIAL_CALENDAR_LAST_YEAR } from '../../../shared/domain/tasks';
import type { SettingsDoc } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { TextField } from '../../ui/fields';
import { useUiStore } from '../../ui/ui-store';
import { addCalendarDay, CALENDAR_DAY_ERRORS, removeCalendarDay, type CalendarDays, type CalendarDaysKind } from './calendar-days';
import { saveCalendarDays } from './settings-writes';

const TITLES: Record<CalendarDaysKind, { label: string; empty: string; hint: string }> = {
  daysOff: { label: '本小区休息日', empty: '没有另外的休息日。', hint: '如小区自定的休息日；即使是法定调休上班日也按休息计算。' },
  extraWorkdays: { label: '本小区加班日', empty: '没有另外的工作日。', hint: '节假日或周末照常办公的日子，按工作日计算。' },
};

function DayList({ kind, days, onChange }: { kind: CalendarDaysKind; days: CalendarDays; onChange: (next: CalendarDays) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const t = TITLES[kind];

  async function add(e: FormEvent) {
    e.preventDefault();
    const r = addCalendarDay(days, kind, text);
    if (!r.ok) return setError(CALENDAR_DAY_ERRORS[r.error]);
    if (await onChange(r.value)) setText('');
  }

  return (
    <div className="calendar-days" data-testid={`calendar-${kind}`}>
      <form noValidate className="inline-form" onSubmit={(e) => void add(e)}>
        <TextField
          label={t.label}
          name={kind}
          type="date"
          hint={t.hint}
          value={text}
          onChange={(v) => {
            setText(v);
            setError(undefined);
          }}
          error={error}
        />
        <div className="form-actions">
          <button type="submit" data-testid={`add-${kind}`}>
            添加
          </button>
        </div>
      </form>
      {days[kind].length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <ul className="chips">
          {days[kind].map((d) => (
            <li key={d} className="chip">
              {formatDateCn(d)}（{weekdayCn(d)}）
              <button type="button" className="small" aria-label={`删除 ${d}`} onClick={() => void onChange(removeCalendarDay(days, kind, d))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CalendarDaysCard({ doc }: { doc: SettingsDoc | undefined }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  const days: CalendarDays = { daysOff: doc?.daysOff ?? [], extraWorkdays: doc?.extraWorkdays ?? [] };
  const thisYear = new Date().getFullYear();

  async function save(next: CalendarDays): Promise<boolean> {
    const r = await saveCalendarDays(db, next);
    if (!r.ok) {
      showToast(errorText(r.error.code, r.error.detail));
      return false;
    }
    showToast('工作日历已保存');
    return true;
  }

  return (
    <section className="card" aria-labelledby="settings-calendar" data-testid="calendar-card">
      <h2 id="settings-calendar">工作日历</h2>
      <p className="card-sub">
        六方联动的催办和上报按工作日计算：已包含国家法定节假日和调休上班日（数据至 {OFFICIAL_CALENDAR_LAST_YEAR} 年）。本小区另有休息或加班的日子在这里添加。
      </p>
      {OFFICIAL_CALENDAR_LAST_YEAR < thisYear && (
        <p className="warn-text" data-testid="calendar-outdated">
          法定节假日数据只到 {OFFICIAL_CALENDAR_LAST_YEAR} 年，{thisYear} 年的节假日请先在下方添加为休息日，或更新程序。
        </p>
      )}
      <div className="form-grid">
        <DayList kind="daysOff" days={days} onChange={save} />
        <DayList kind="extraWorkdays" days={days} onChange={save} />
      </div>
    </section>
  );
}
