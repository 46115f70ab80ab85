// 导入治理清单: pick a CSV or XLSX file, check which column is what (remembered per layout), see a preview with every
// row's errors, then confirm: all valid rows are written in one bulk write; rows with errors are skipped and listed;
// list items already imported are not written again.
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { createdFields } from '../../../../shared/domain/common/stamp';
import { IMPORT_PREVIEW_ROWS, withoutExisting, type ImportPlan, type SheetRow } from '../../../../shared/domain/tasks/import';
import {
  IMPORT_FIELDS,
  IMPORT_FIELD_LABELS,
  cellText,
  detectMapping,
  findHeaderRow,
  layoutKey,
  withColumn,
  type ImportField,
  type ImportMapping,
} from '../../../../shared/domain/tasks/import-mapping';
import type { TaskRoster } from '../../../../shared/domain/tasks/types';
import { useDatabase } from '../../../db/context';
import { useRosterDocs } from '../../../db/hooks';
import { currentStamp } from '../../../db/operator';
import { errorText } from '../../../i18n/errors';
import { Dialog } from '../../../ui/Dialog';
import { useUiStore } from '../../../ui/ui-store';
import { existingTaskIds, insertImportedTasks, planInChunks } from './import-writes';
import { loadMapping, saveMapping } from './mapping-store';
import { importErrorMessage, importErrorText, NO_HEADER_TEXT, READ_ERROR_TEXT } from './messages';
import { ImportReadError, listNameOf, readImportFile } from './read-file';

/** Errors listed in the dialog; the rest are counted (a broken 9,000-row file must not freeze it). */
const ERRORS_SHOWN = 300;

type Loaded = {
  fileName: string;
  header: readonly string[];
  headerFound: boolean;
  rows: readonly SheetRow[];
  layout: string;
  encoding?: string | undefined;
};

type Checked = { plan: ImportPlan; existing: ReadonlySet<string> };
type Progress = { label: string; done?: number; total?: number };
type Done = { inserted: number; existing: number; skipped: number };

/** Active roster people and organisations, as the task rules see them. */
function useImportRoster(): { roster: TaskRoster; ready: boolean } {
  const docs = useRosterDocs();
  return useMemo(() => {
    const list = docs.status === 'ready' ? docs.data.filter((d) => d.status === 'active') : [];
    const roster: TaskRoster = {
      people: new Map(
        list
          .filter((d) => d.kind === 'person')
          .map((p) => [p.id, { name: p.name, party: p.party, ...(p.organizationId ? { organizationId: p.organizationId } : {}) }]),
      ),
      organizations: new Map(list.filter((d) => d.kind === 'organization').map((o) => [o.id, { name: o.name, party: o.party }])),
    };
    return { roster, ready: docs.status === 'ready' };
  }, [docs]);
}

function ProgressBar({ progress }: { progress: Progress }) {
  const determinate = progress.total !== undefined && progress.total > 0;
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      <span>{progress.label}</span>{' '}
      {determinate ? (
        <progress max={progress.total} value={progress.done ?? 0} aria-label={progress.label} />
      ) : (
        <progress aria-label={progress.label} />
      )}
      {determinate && (
        <span className="muted">
          {' '}
          {progress.done ?? 0} / {progress.total}
        </span>
      )}
    </div>
  );
}

export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  if (!open) return null;
  return <ImportDialogBody onClose={onClose} />;
}

function ImportDialogBody({ onClose }: { onClose: () => void }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  const { roster, ready: rosterReady } = useImportRoster();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [listName, setListName] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [writing, setWriting] = useState(false);
  const [writeError, setWriteError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const run = useRef(0);

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = ''; // picking the same file again still fires change
    if (!file) return;
    run.current += 1;
    setReadError(null);
    setLoaded(null);
    setChecked(null);
    setDone(null);
    setProgress({ label: `正在读取“${file.name}”…` });
    try {
      const data = await readImportFile(file);
      const found = findHeaderRow(data.rows.map((r) => r.cells));
      const headerIndex = Math.max(found, 0);
      const headerRow = data.rows[headerIndex];
      const header = (headerRow?.cells ?? []).map((c) => cellText(c));
      const layout = layoutKey(header);
      setMapping(loadMapping(layout, header.length) ?? detectMapping(header));
      setListName(listNameOf(file.name));
      setLoaded({ fileName: file.name, header, headerFound: found >= 0, rows: data.rows.slice(headerIndex + 1), layout, encoding: data.encoding });
    } catch (error) {
      if (!(error instanceof ImportReadError)) console.error('import read failed', error);
      setProgress(null);
      setReadError(error instanceof ImportReadError ? READ_ERROR_TEXT[error.code] : READ_ERROR_TEXT.UNREADABLE);
    }
  }

  // Checks every row again whenever the file, the mapping, the list name or the roster change; a newer run
  // cancels an older one.
  useEffect(() => {
    if (!loaded || !rosterReady) return;
    const mine = ++run.current;
    const cancelled = () => run.current !== mine;
    setChecked(null);
    void (async () => {
      const ctx = { roster, listName, stamp: currentStamp() };
      const plan = await planInChunks(loaded.rows, mapping, ctx, (n, total) => {
        if (!cancelled()) setProgress({ label: '正在检查各行…', done: n, total });
      }, cancelled);
      if (!plan || cancelled()) return;
      const existing = await existingTaskIds(db, plan.tasks.map((t) => t.id));
      if (cancelled()) return;
      setChecked({ plan, existing });
      setProgress(null);
    })().catch((error: unknown) => {
      console.error('import check failed', error);
      if (!cancelled()) {
        setProgress(null);
        setReadError(READ_ERROR_TEXT.UNREADABLE);
      }
    });
  }, [db, loaded, mapping, listName, roster, rosterReady]);

  function changeColumn(field: ImportField, value: string) {
    if (!loaded) return;
    const next = withColumn(mapping, field, value === '' ? null : Number(value));
    setMapping(next);
    saveMapping(loaded.layout, next);
  }

  const split = checked ? withoutExisting(checked.plan, checked.existing) : null;

  async function confirm() {
    if (!loaded || !checked || !split || writing) return;
    setWriting(true);
    setWriteError(null);
    setProgress({ label: `正在导入 ${split.fresh.length} 条任务…` });
    saveMapping(loaded.layout, mapping);
    // Stamped now (the preview may have been open a while); one bulk write.
    const stamp = createdFields(currentStamp());
    const r = await insertImportedTasks(db, split.fresh.map((t) => ({ ...t, ...stamp })));
    setWriting(false);
    setProgress(null);
    if (!r.ok) {
      setWriteError(`导入失败，未写入任何任务：${errorText(r.error.code)}`);
      return;
    }
    const result = { inserted: r.value.inserted, existing: split.existing + r.value.existing, skipped: checked.plan.rejectedRows };
    setDone(result);
    showToast(`已导入 ${result.inserted} 条任务`);
  }

  const mapped = IMPORT_FIELDS.filter((f) => mapping[f] !== undefined);
  const plan = checked?.plan;

  return (
    <Dialog title="导入治理清单" onClose={() => !writing && onClose()} wide testId="import-dialog">
      {!done && (
        <div className="field">
          <label htmlFor="import-file">选择文件（CSV 或 Excel .xlsx）</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void pick(e)}
            disabled={writing}
            data-testid="import-file"
          />
          <p className="field-hint">
            第一张工作表的表头需有“标题”（或“事项”“问题”）、“牵头方”等列；配合方可填多个，用“、”“，”或“/”分隔。
          </p>
        </div>
      )}
      {readError && (
        <p className="field-error" role="alert" data-testid="import-read-error">
          {readError}
        </p>
      )}
      {progress && <ProgressBar progress={progress} />}

      {loaded && !done && (
        <>
          {!loaded.headerFound && <p className="field-error">{NO_HEADER_TEXT}</p>}
          {loaded.encoding === 'gbk' && <p className="muted">此文件为 GBK 编码，已自动转换。</p>}
          <fieldset className="import-mapping" data-testid="import-mapping">
            <legend>各列对应（可修改，按此表格式自动记住）</legend>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14em, 1fr))', gap: '0.4em 1em' }}>
              {IMPORT_FIELDS.map((f) => (
                <label key={f} style={{ display: 'flex', gap: '0.4em', alignItems: 'center' }}>
                  <span style={{ minWidth: '4.5em' }}>{IMPORT_FIELD_LABELS[f]}</span>
                  <select value={mapping[f] ?? ''} onChange={(e) => changeColumn(f, e.target.value)} disabled={writing} data-testid={`map-${f}`}>
                    <option value="">（不导入）</option>
                    {loaded.header.map((h, i) => (
                      <option key={i} value={i}>
                        {h || `第 ${i + 1} 列`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
          {mapping.listName === undefined && (
            <div className="field">
              <label htmlFor="import-list-name">清单名称（表中没有“清单名称”列时使用）</label>
              <input id="import-list-name" value={listName} maxLength={100} onChange={(e) => setListName(e.target.value)} disabled={writing} data-testid="import-list-name" />
            </div>
          )}
        </>
      )}

      {plan && split && !done && (
        <>
          <p className="import-summary" data-testid="import-summary" role="status">
            共 {plan.totalRows} 行数据：将导入 {split.fresh.length} 条，跳过 {plan.rejectedRows} 条有误的行
            {split.existing > 0 ? `；已存在 ${split.existing} 条，未重复导入` : ''}。
          </p>
          {plan.errors.length > 0 && (
            <div className="import-errors">
              <p className="field-error">以下行有误，不会导入（改正后可再次导入同一文件，已导入的不会重复）：</p>
              <ul data-testid="import-errors" style={{ maxHeight: '10em', overflow: 'auto' }}>
                {plan.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                  <li key={i} data-row={e.row}>
                    {importErrorText(e)}
                  </li>
                ))}
              </ul>
              {plan.errors.length > ERRORS_SHOWN && <p className="muted">另有 {plan.errors.length - ERRORS_SHOWN} 条错误未列出。</p>}
            </div>
          )}
          <div className="table-wrap" style={{ maxHeight: '40vh', overflow: 'auto' }}>
            <table className="table compact" data-testid="import-preview">
              <caption className="muted" style={{ captionSide: 'top', textAlign: 'left' }}>
                预览（前 {Math.min(IMPORT_PREVIEW_ROWS, plan.preview.length)} 行）
              </caption>
              <thead>
                <tr>
                  <th>行号</th>
                  {mapped.map((f) => (
                    <th key={f}>{IMPORT_FIELD_LABELS[f]}</th>
                  ))}
                  <th>结果</th>
                </tr>
              </thead>
              <tbody>
                {plan.preview.map((p) => {
                  const exists = p.taskId !== undefined && checked.existing.has(p.taskId);
                  return (
                    <tr key={p.row} data-row={p.row} className={p.errors.length > 0 ? 'row-error' : undefined}>
                      <td className="num">{p.row}</td>
                      {mapped.map((f) => (
                        <td key={f}>{p.values[f] ?? ''}</td>
                      ))}
                      <td className={p.errors.length > 0 ? 'field-error' : 'muted'}>
                        {p.errors.length > 0 ? p.errors.map(importErrorMessage).join(' ') : exists ? '已存在，不重复导入' : '可导入'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}

      {writeError && (
        <p className="field-error" role="alert" data-testid="import-write-error">
          {writeError}
        </p>
      )}

      {done && (
        <div data-testid="import-done" role="status">
          <p>已导入 {done.inserted} 条任务（状态为“待分派”，来源为治理清单“{listName || loaded?.fileName}”）。</p>
          {done.skipped > 0 && <p>跳过 {done.skipped} 条有误的行。</p>}
          {done.existing > 0 && <p>已存在 {done.existing} 条，未重复导入。</p>}
        </div>
      )}

      <div className="form-actions">
        {done ? (
          <button type="button" className="primary" onClick={onClose} data-testid="import-close">
            关闭
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose} disabled={writing}>
              取消
            </button>
            <button
              type="button"
              className="primary"
              disabled={!split || split.fresh.length === 0 || writing || progress !== null}
              onClick={() => void confirm()}
              data-testid="import-confirm"
            >
              {split ? `确认导入 ${split.fresh.length} 条` : '确认导入'}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
