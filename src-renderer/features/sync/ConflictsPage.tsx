// 冲突: every open conflict copy on any document, and the documents the server refused. Each conflict shows the
// server's current value beside this device's, and is resolved by keeping one, or by merging them by hand.
import { localDateTime } from '../../../shared/domain/common/dates';
import { useMemo, useState } from 'react';
import type { RxCollection } from 'rxdb';
import { combineLatest, map } from 'rxjs';
import { resolveConflict, valueAtPath, type ConflictChoice, type ConflictCopy, type Json, type JsonObject } from '../../../shared/domain/conflicts/merge';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/schema';
import { useUiStore } from '../../ui/ui-store';
import { useDatabase } from '../../db/context';
import type { LinliDatabase } from '../../db/database';
import { useObservable } from '../../db/hooks';
import { currentStamp } from '../../db/operator';
import { classifyWriteError } from '../../db/write-error';
import { errorText } from '../../i18n/errors';
import { rejectionText } from '../../i18n/sync-errors';
import { useSyncStatus } from '../../sync/context';
import { COLLECTION_LABELS, relativeTime } from './labels';

type OpenConflict = { collection: CollectionName; doc: JsonObject; copy: ConflictCopy };

/** What a person calls the document: its name or title. */
const docTitle = (doc: JsonObject): string =>
  String(doc.name ?? doc.title ?? doc.summary ?? doc.compoundName ?? doc.id ?? '');

/** A field path in words: its last field, e.g. "topics.t1.notes" → 讨论记录. */
const FIELD_LABELS: Record<string, string> = {
  name: '姓名/名称', phone: '手机', building: '楼栋', unit: '单元', room: '房号', note: '备注', post: '职务', roles: '角色',
  party: '代表方', status: '状态', title: '标题', notes: '讨论记录', text: '决议内容', body: '正文', location: '地点',
  description: '说明', summary: '摘要', dueDate: '期限', _deleted: '删除', '': '整条记录',
};
export const fieldLabel = (path: string): string => {
  const last = path.split('.').at(-1) ?? '';
  return FIELD_LABELS[last] ?? last;
};

const show = (v: Json | undefined): string => {
  if (v === undefined || v === null) return '（无）';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  return JSON.stringify(v, null, 2);
};

/** The conflict list treats every collection alike: as documents of plain JSON. */
const anyCollection = (db: LinliDatabase, name: CollectionName) => db.collections[name] as unknown as RxCollection<JsonObject>;

function useOpenConflicts() {
  const db = useDatabase();
  const source = useMemo(
    () =>
      combineLatest(
        COLLECTION_NAMES.map((name) =>
          anyCollection(db, name)
            .find({ selector: { conflicts: { $elemMatch: { status: 'open' } } } as never })
            .$.pipe(map((docs) => docs.map((d) => ({ collection: name, doc: d.toMutableJSON() as unknown as JsonObject })))),
        ),
      ).pipe(
        map((lists) =>
          lists.flat().flatMap(({ collection, doc }) =>
            ((doc.conflicts ?? []) as unknown as ConflictCopy[]).filter((c) => c.status === 'open').map((copy) => ({ collection, doc, copy })),
          ),
        ),
      ),
    [db],
  );
  return useObservable(source);
}

function ConflictCard({ item }: { item: OpenConflict }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  const { collection, doc, copy } = item;
  const mine = JSON.parse(copy.mine) as Json;
  const current = valueAtPath(doc, copy.path);
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState(() => (typeof mine === 'string' && typeof current === 'string' ? `${current}\n${mine}` : show(current)));
  const [error, setError] = useState<string | null>(null);

  async function resolve(choice: ConflictChoice) {
    setError(null);
    try {
      const stored = await anyCollection(db, collection).findOne(String(doc.id)).exec();
      if (!stored) return setError('该记录已不存在。');
      const stamp = currentStamp();
      const r = resolveConflict(stored.toMutableJSON() as unknown as JsonObject, copy.id, choice, { now: stamp.at, by: stamp.by });
      if (!r.ok) return setError(r.error.code === 'CONFLICT_ALREADY_RESOLVED' ? '该冲突已在其他电脑上处理。' : '无法应用该处理方式。');
      const { _deleted, ...next } = r.value;
      if (_deleted === true) await stored.remove();
      else await stored.incrementalModify(() => next as never);
      showToast('冲突已处理');
    } catch (e) {
      setError(errorText(classifyWriteError(e)));
    }
  }

  const mergedValue = (): Json => {
    if (typeof mine === 'string' || typeof current === 'string' || mine === null) return merged;
    try {
      return JSON.parse(merged) as Json;
    } catch {
      return merged;
    }
  };

  return (
    <li className="card conflict" data-testid="conflict-item">
      <h3>
        {COLLECTION_LABELS[collection]} · {docTitle(doc)} · {fieldLabel(copy.path)}
      </h3>
      <p className="muted">
        {copy.by}
        {copy.device ? `（设备 ${copy.device.slice(0, 8)}）` : ''} 于 {relativeTime(copy.at, Date.now())} 的修改与其他电脑的修改冲突。
      </p>
      <div className="conflict-sides">
        <div>
          <h4>当前版本（已同步）</h4>
          <pre data-testid="conflict-theirs">{show(current)}</pre>
        </div>
        <div>
          <h4>我的版本（未采用）</h4>
          <pre data-testid="conflict-mine">{show(mine)}</pre>
        </div>
      </div>
      {merging && (
        <div className="field">
          <label htmlFor={`merge-${copy.id}`}>手动合并后的内容</label>
          <textarea id={`merge-${copy.id}`} rows={5} value={merged} onChange={(e) => setMerged(e.target.value)} />
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void resolve({ kind: 'keep_theirs' })} data-testid="conflict-keep-theirs">
          保留当前版本
        </button>
        <button type="button" onClick={() => void resolve({ kind: 'keep_mine' })} data-testid="conflict-keep-mine">
          改用我的版本
        </button>
        {merging ? (
          <button type="button" className="primary" onClick={() => void resolve({ kind: 'merged', value: mergedValue() })} data-testid="conflict-save-merged">
            保存合并结果
          </button>
        ) : (
          <button type="button" onClick={() => setMerging(true)} data-testid="conflict-merge">
            手动合并
          </button>
        )}
      </div>
    </li>
  );
}

export function ConflictsPage() {
  const conflicts = useOpenConflicts();
  const rejected = useSyncStatus((s) => s.rejected);
  const divergences = useSyncStatus((s) => s.divergences);
  const lastVerifiedAt = useSyncStatus((s) => s.lastVerifiedAt);
  return (
    <div className="page">
      <header className="page-header">
        <h1>冲突</h1>
        <p className="muted">两台电脑同时修改了同一处内容时，以先同步到服务器的版本为准，另一份修改保存在这里，由您决定如何处理。任何修改都不会被悄悄丢弃。</p>
      </header>
      {conflicts.status === 'ready' && conflicts.data.length === 0 && rejected.length === 0 && (
        <div className="empty" data-testid="conflicts-empty">
          没有待处理的冲突。
        </div>
      )}
      {conflicts.status === 'ready' && conflicts.data.length > 0 && (
        <ul className="conflict-list" data-testid="conflict-list">
          {conflicts.data.map((item) => (
            <ConflictCard key={`${item.collection}/${String(item.doc.id)}/${item.copy.id}`} item={item} />
          ))}
        </ul>
      )}
      {rejected.length > 0 && (
        <section className="card" data-testid="rejected-list">
          <h2>被服务器拒绝的记录</h2>
          <p className="muted">这些记录只保存在本机，尚未同步。请打开对应记录修正后重新保存。</p>
          <ul>
            {rejected.map((r) => (
              <li key={`${r.collection}/${r.id}`}>
                {COLLECTION_LABELS[r.collection]} · {r.id}：{rejectionText(r)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" data-testid="sync-verification">
        <h2>同步核对</h2>
        <p className="muted">
          每次连上服务器后及每分钟，本机会逐类核对自己保存的每条记录是否与服务器完全一致；发现不一致会自动补齐并记录在下面。
        </p>
        <p data-testid="last-verified">{lastVerifiedAt ? `上次核对一致：${localDateTime(lastVerifiedAt)}` : '尚未与服务器核对过。'}</p>
        {divergences.length > 0 && (
          <ul data-testid="divergence-list">
            {[...divergences].reverse().map((d) => (
              <li key={`${d.collection}/${d.at}`}>
                {localDateTime(d.at)} · {COLLECTION_LABELS[d.collection]}：
                {d.fetched > 0 ? `从服务器补回 ${d.fetched} 条` : ''}
                {d.fetched > 0 && d.repushed > 0 ? '，' : ''}
                {d.repushed > 0 ? `重新上传 ${d.repushed} 条` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

