// 记账凭证 editor: keyboard-first like the accounting packages offices know — Enter moves to the next cell (and adds
// a line after the last), "=" in an amount cell fills the balancing amount. Problems show at the cell or field.
// Supporting documents (附件) are attached here and fixed once posted; 打印凭证 prints it with them (SPEC L-S1–L-S7).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatFixed, formatMoneyFen, parseCount, parseMoneyYuan } from '../../../shared/domain/common/decimal';
import { parseLocalDate, periodOf } from '../../../shared/domain/common/dates';
import {
  balancingAmount,
  parentIds,
  voucherContext,
  voucherNo,
  voucherProblems,
  type Account,
  type NumberedVoucher,
  type Side,
  type Voucher,
  type VoucherAttachment,
  type VoucherProblem,
} from '../../../shared/domain/ledger';
import { projectsInUse } from '../../../shared/domain/ledger/projects';
import { voucherPrintModel } from '../../../shared/domain/ledger/voucher-print';
import { useDatabase } from '../../db/context';
import { useSettings } from '../../db/hooks';
import { reportOutcome } from '../../export';
import { errorText } from '../../i18n/errors';
import { Dialog } from '../../ui/Dialog';
import { useToday } from '../../ui/use-today';
import { AttachmentsField, useBlobStore } from './attachments';
import type { Books } from './hooks';
import { useLedgerActor } from './hooks';
import { deleteDraft, post, reverse, review, saveDraft, unreview, type LedgerFailure } from './ledger-writes';
import { actionErrorText, problemText, writeErrorText } from './messages';
import { printVoucher } from './print';

type LineDraft = {
  readonly id: string;
  readonly summary: string;
  readonly accountText: string;
  readonly accountId: string;
  readonly projectId: string;
  readonly debit: string;
  readonly credit: string;
};

const STATUS_LABEL = { draft: '草稿', reviewed: '已审核', posted: '已过账' } as const;

const amountText = (fen: number): string => (fen === 0 ? '' : formatFixed(fen, { scale: 2 }));
const accountLabel = (a: Account): string => `${a.code} ${a.name}`;

const emptyLine = (): LineDraft => ({ id: crypto.randomUUID(), summary: '', accountText: '', accountId: '', projectId: '', debit: '', credit: '' });

function linesOf(v: Voucher | undefined, accounts: ReadonlyMap<string, Account>): LineDraft[] {
  if (!v) return [emptyLine(), emptyLine()];
  return v.lines.map((l) => {
    const a = accounts.get(l.accountId);
    return {
      id: l.id,
      summary: l.summary ?? '',
      accountText: a ? accountLabel(a) : l.accountId,
      accountId: l.accountId,
      projectId: l.projectId ?? '',
      debit: amountText(l.debitFen),
      credit: amountText(l.creditFen),
    };
  });
}

/** Type-ahead over the leaf accounts: a code prefix or part of the name. */
function candidates(text: string, leaves: readonly Account[]): Account[] {
  const t = text.trim();
  if (t === '') return [];
  const exact = leaves.find((a) => a.code === t || accountLabel(a) === t || a.name === t);
  if (exact) return [exact];
  return leaves.filter((a) => a.code.startsWith(t) || a.name.includes(t)).slice(0, 8);
}

/**
 * 附单据张数 as typed: empty when it is (still) the default, the number of attached files, so that it follows the
 * files until someone types a number of their own.
 */
const initialCountText = (v: Voucher | undefined): string => {
  if (v?.attachmentCount === undefined) return '';
  const files = v.attachments?.length ?? 0;
  return files > 0 && v.attachmentCount === files ? '' : String(v.attachmentCount);
};

const isBlank = (l: LineDraft): boolean => l.accountText.trim() === '' && l.debit.trim() === '' && l.credit.trim() === '' && l.summary.trim() === '';

export function VoucherEditor({
  books,
  voucher,
  numbers,
  defaultDate,
  onClose,
  onOpen,
}: {
  books: Books;
  voucher: Voucher | undefined;
  numbers: ReadonlyMap<string, NumberedVoucher>;
  defaultDate: string;
  onClose: () => void;
  /** Another voucher to show instead (the reversal just made). */
  onOpen: (id: string) => void;
}) {
  const db = useDatabase();
  const blobs = useBlobStore();
  const settings = useSettings();
  const actor = useLedgerActor();
  const today = useToday();
  const byId = useMemo(() => new Map(books.accounts.filter((a) => a._deleted !== true).map((a) => [a.id, a])), [books.accounts]);
  const leaves = useMemo(() => {
    const parents = parentIds(books.accounts);
    return books.accounts.filter((a) => a._deleted !== true && a.active && !parents.has(a.id)).sort((a, b) => (a.code < b.code ? -1 : 1));
  }, [books.accounts]);
  const ctx = useMemo(() => voucherContext(books.accounts, books.periods), [books.accounts, books.periods]);

  const [id] = useState(() => voucher?.id ?? crypto.randomUUID());
  const stored = books.vouchers.find((v) => v.id === id && v._deleted !== true);
  const readOnly = stored !== undefined && stored.status !== 'draft';
  const red = (stored ?? voucher)?.reversalOf !== undefined;

  const [date, setDate] = useState(voucher?.date ?? defaultDate);
  const [summary, setSummary] = useState(voucher?.summary ?? '');
  const [countText, setCountText] = useState(() => initialCountText(voucher));
  const [files, setFiles] = useState<VoucherAttachment[]>(() => [...(voucher?.attachments ?? [])]);
  const [counterparty, setCounterparty] = useState(voucher?.counterparty ?? '');
  const [lines, setLines] = useState<LineDraft[]>(() => linesOf(voucher, byId));
  const [checked, setChecked] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusCell, setFocusCell] = useState<string | null>(null);
  const [openSuggest, setOpenSuggest] = useState<string | null>(null);
  const grid = useRef<HTMLTableSectionElement>(null);

  // A posted or reviewed voucher shows what is stored, never stale input.
  const shownLines = readOnly && stored ? linesOf(stored, byId) : lines;

  useEffect(() => {
    if (!focusCell) return;
    grid.current?.querySelector<HTMLInputElement>(`[data-cell="${focusCell}"]`)?.focus();
    setFocusCell(null);
  }, [focusCell, lines]);

  const parsed = useMemo(
    () =>
      shownLines.map((l) => {
        const p = (t: string) => (t.trim() === '' ? { fen: 0, error: null } : ((r) => (r.ok ? { fen: r.value as number, error: null } : { fen: 0, error: errorText(r.error) }))(parseMoneyYuan(t, { allowNegative: red })));
        return { debit: p(l.debit), credit: p(l.credit) };
      }),
    [shownLines, red],
  );
  const totalDebit = parsed.reduce((s, p) => s + p.debit.fen, 0);
  const totalCredit = parsed.reduce((s, p) => s + p.credit.fen, 0);
  const moneyErrors = parsed.some((p) => p.debit.error || p.credit.error);
  const attachmentParse = countText.trim() === '' ? null : parseCount(countText);
  const projects = useMemo(() => projectsInUse(books.vouchers), [books.vouchers]);

  const built: Voucher = useMemo(() => {
    const kept = lines.filter((l) => !isBlank(l));
    const base = stored ?? voucher;
    // What the input decides is not taken from the stored version (a cleared field must go).
    const { attachments: _files, attachmentCount: _count, ...rest } = base ?? ({} as Partial<Voucher>);
    const count = attachmentParse?.ok ? attachmentParse.value : attachmentParse === null && files.length > 0 ? files.length : undefined;
    return {
      ...rest,
      id,
      date,
      period: parseLocalDate(date) ? periodOf(date) : '',
      summary: summary.trim(),
      lines: kept.map((l) => {
        const i = lines.indexOf(l);
        return {
          id: l.id,
          accountId: l.accountId,
          ...(l.summary.trim() ? { summary: l.summary.trim() } : {}),
          debitFen: parsed[i]?.debit.fen ?? 0,
          creditFen: parsed[i]?.credit.fen ?? 0,
          ...(l.projectId.trim() ? { projectId: l.projectId.trim() } : {}),
        };
      }),
      ...(count !== undefined ? { attachmentCount: count } : {}),
      ...(files.length > 0 ? { attachments: files } : {}),
      ...(counterparty.trim() ? { counterparty: counterparty.trim() } : {}),
      status: base?.status ?? 'draft',
      preparedBy: base?.preparedBy ?? actor.name,
    } as Voucher;
  }, [lines, parsed, id, date, summary, attachmentParse, files, counterparty, stored, voucher, actor.name]);

  const problems = useMemo(() => (readOnly ? [] : voucherProblems(built, ctx)), [built, ctx, readOnly]);
  const shown = (p: VoucherProblem): boolean => checked || p.code === 'PERIOD_CLOSED' || p.code === 'DATE_INVALID';
  const fieldError = (path: string): string | null => {
    const p = problems.find((x) => x.path === path && shown(x));
    return p ? problemText(p) : null;
  };
  const cellError = (lineId: string, field: string, moneyError: string | null = null): string | null => {
    if (moneyError) return moneyError;
    const p = problems.find((x) => x.path === `lines.${lineId}.${field}` && shown(x));
    return p ? problemText(p) : null;
  };

  const setLine = (i: number, change: Partial<LineDraft>): void => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)));

  const cellsOf = (l: LineDraft): string[] => {
    const a = byId.get(l.accountId);
    return ['summary', 'account', ...(a?.requiresProject || l.projectId ? ['project'] : []), 'debit', 'credit'];
  };

  /** Enter: the next cell of the line, else the first of the next line (a new one after the last). */
  const next = (i: number, cell: string): void => {
    const cells = cellsOf(lines[i] as LineDraft);
    const at = cells.indexOf(cell);
    if (at >= 0 && at < cells.length - 1) {
      setFocusCell(`${i}:${cells[at + 1]}`);
      return;
    }
    if (i === lines.length - 1) setLines((ls) => [...ls, { ...emptyLine(), summary: ls[i]?.summary ?? '' }]);
    setFocusCell(`${i + 1}:summary`);
  };

  const pickAccount = (i: number, a: Account): void => {
    setLine(i, { accountId: a.id, accountText: accountLabel(a) });
    setOpenSuggest(null);
  };

  const onCellKey = (e: KeyboardEvent<HTMLInputElement>, i: number, cell: string): void => {
    const line = lines[i] as LineDraft;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (cell === 'account') {
        const first = (line.accountId ? byId.get(line.accountId) : undefined) ?? candidates(line.accountText, leaves)[0];
        if (first) pickAccount(i, first);
        // Whether the account is restricted decides the next cell: read it from the pick.
        if (first?.requiresProject) {
          setFocusCell(`${i}:project`);
          return;
        }
      }
      next(i, cell);
      return;
    }
    if (e.key === '=' && (cell === 'debit' || cell === 'credit')) {
      e.preventDefault();
      const side: Side = cell === 'debit' ? 'debit' : 'credit';
      const b = balancingAmount(parsed.map((p) => ({ debitFen: p.debit.fen, creditFen: p.credit.fen })), i, side);
      if (b) setLine(i, side === 'debit' ? { debit: formatFixed(b.fen, { scale: 2 }), credit: '' } : { credit: formatFixed(b.fen, { scale: 2 }), debit: '' });
    }
  };

  const fail = (f: LedgerFailure): void => setMessage(f.kind === 'rule' ? actionErrorText(f.error) : writeErrorText(f.error));

  /** Saves the input as a draft; null when something must be corrected first (shown at its field). */
  const save = async (): Promise<Voucher | null> => {
    setChecked(true);
    setMessage(null);
    const blocking = problems.find((p) => ['DATE_INVALID', 'PERIOD_CLOSED', 'SUMMARY_REQUIRED', 'SUMMARY_TOO_LONG'].includes(p.code));
    if (moneyErrors) {
      setMessage('请先改正标红的金额。');
      return null;
    }
    if (attachmentParse && !attachmentParse.ok) {
      setMessage('附单据张数应为不小于0的整数。');
      return null;
    }
    if (blocking) {
      setMessage(problemText(blocking));
      return null;
    }
    if (built.lines.length === 0) {
      setMessage(problemText({ code: 'LINES_TOO_FEW' }));
      return null;
    }
    const r = await saveDraft(db, books, built);
    if (!r.ok) {
      fail(r.error);
      return null;
    }
    return r.value;
  };

  const withVoucher = (v: Voucher): Books => ({ ...books, vouchers: [...books.vouchers.filter((x) => x.id !== v.id), v] });

  const run = async (action: () => Promise<string | null>): Promise<void> => {
    setBusy(true);
    try {
      const done = await action();
      if (done) setMessage(null);
    } finally {
      setBusy(false);
    }
  };

  const doSave = () =>
    run(async () => {
      const v = await save();
      if (v) onClose();
      return null;
    });
  const doReview = () =>
    run(async () => {
      const v = await save();
      if (!v) return null;
      const r = await review(db, withVoucher(v), v.id);
      if (!r.ok) fail(r.error);
      return r.ok ? 'ok' : null;
    });
  const doAction = (f: () => Promise<{ ok: true } | { ok: false; error: LedgerFailure }>, closeAfter = false) =>
    run(async () => {
      const r = await f();
      if (!r.ok) fail(r.error);
      else if (closeAfter) onClose();
      return r.ok ? 'ok' : null;
    });
  const doReverse = () =>
    run(async () => {
      const r = await reverse(db, books, id, today < (stored?.date ?? today) ? (stored?.date ?? today) : today);
      if (!r.ok) {
        fail(r.error);
        return null;
      }
      onOpen(r.value.id);
      return 'ok';
    });

  const number = numbers.get(id);
  const status = stored?.status ?? 'draft';
  const original = stored?.reversalOf ? books.vouchers.find((v) => v.id === stored.reversalOf) : undefined;
  const reversal = stored?.reversedBy ? books.vouchers.find((v) => v.id === stored.reversedBy) : undefined;
  const noOf = (v: Voucher | undefined): string => {
    const n = v ? numbers.get(v.id) : undefined;
    return n ? `${v?.period} ${voucherNo(n.number)}${n.final ? '' : '（暂）'}` : `${v?.date ?? ''} 的凭证`;
  };
  const linesError = fieldError('lines');
  const projectListId = `voucher-projects-${id}`;
  const shownFiles = readOnly && stored ? (stored.attachments ?? []) : files;
  const profile = settings.status === 'ready' ? settings.data : undefined;
  const doPrint = () =>
    reportOutcome(() => {
      const v = readOnly && stored ? stored : built;
      const original = v.reversalOf ? books.vouchers.find((x) => x.id === v.reversalOf) : undefined;
      const model = voucherPrintModel({
        voucher: v,
        accounts: books.accounts,
        number: numbers.get(v.id),
        original,
        originalNumber: original ? numbers.get(original.id) : undefined,
        compoundName: profile?.compoundName ?? '',
      });
      return printVoucher(model, blobs);
    });
  const difference = totalDebit - totalCredit;

  return (
    <Dialog title={stored ? `记账凭证 ${number ? `${voucherNo(number.number)}${number.final ? '' : '（暂）'}` : ''}` : '新建记账凭证'} onClose={onClose} wide testId="voucher-editor">
      <div className="voucher-head">
        <span data-testid="voucher-status">{STATUS_LABEL[status]}</span>
        {red && <span className="badge badge-warn">红字冲销{original ? `：冲销 ${noOf(original)}` : ''}</span>}
        {reversal && <span className="badge badge-warn">已被 {noOf(reversal)} 冲销</span>}
        {status === 'posted' && <span className="muted">已过账的凭证不能修改，如有错误请红字冲销。</span>}
      </div>
      <div className="form-grid">
        <label>
          日期
          <input type="date" value={readOnly ? (stored?.date ?? '') : date} readOnly={readOnly} onChange={(e) => setDate(e.target.value)} data-testid="voucher-date" aria-invalid={fieldError('date') ? true : undefined} />
          {fieldError('date') && <span className="field-error" role="alert" data-testid="voucher-date-error">{fieldError('date')}</span>}
        </label>
        <label>
          摘要
          <input value={readOnly ? (stored?.summary ?? '') : summary} readOnly={readOnly} maxLength={200} onChange={(e) => setSummary(e.target.value)} data-testid="voucher-summary" />
          {fieldError('summary') && <span className="field-error" role="alert">{fieldError('summary')}</span>}
        </label>
        <label>
          附单据张数
          <input
            value={readOnly ? String(stored?.attachmentCount ?? '') : countText}
            readOnly={readOnly}
            inputMode="numeric"
            placeholder={!readOnly && files.length > 0 ? `${files.length}（按附件数）` : undefined}
            onChange={(e) => setCountText(e.target.value)}
            data-testid="voucher-attachments"
          />
        </label>
        <label>
          收付对象
          <input value={readOnly ? (stored?.counterparty ?? '') : counterparty} readOnly={readOnly} onChange={(e) => setCounterparty(e.target.value)} data-testid="voucher-counterparty" />
        </label>
      </div>
      <table className="table voucher-lines">
        <thead>
          <tr>
            <th>#</th>
            <th>摘要</th>
            <th>会计科目</th>
            <th>项目</th>
            <th className="num">借方金额</th>
            <th className="num">贷方金额</th>
            <th />
          </tr>
        </thead>
        <tbody ref={grid}>
          {shownLines.map((l, i) => {
            const a = byId.get(l.accountId);
            const sugg = openSuggest === l.id && !readOnly ? candidates(l.accountText, leaves) : [];
            const p = parsed[i];
            const errs = {
              account: cellError(l.id, 'accountId'),
              project: cellError(l.id, 'projectId'),
              debit: cellError(l.id, 'debitFen', p?.debit.error ?? null),
              credit: cellError(l.id, 'creditFen', p?.credit.error ?? null),
            };
            const cell = (name: string, value: string, onChange: (v: string) => void, label: string, error: string | null, extra: { num?: boolean; disabled?: boolean; list?: string } = {}) => (
              <td className={extra.num ? 'num' : undefined}>
                <input
                  data-cell={`${i}:${name}`}
                  data-testid={`line-${i + 1}-${name}`}
                  aria-label={`第${i + 1}行 ${label}`}
                  value={value}
                  readOnly={readOnly}
                  disabled={extra.disabled}
                  list={readOnly ? undefined : extra.list}
                  inputMode={extra.num ? 'decimal' : undefined}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => onChange(e.target.value)}
                  onKeyDown={(e) => !readOnly && onCellKey(e, i, name)}
                  onFocus={() => name === 'account' && setOpenSuggest(l.id)}
                  onBlur={() => name === 'account' && setOpenSuggest(null)}
                />
                {error && (
                  <span className="field-error" role="alert" data-testid={`line-${i + 1}-${name}-error`}>
                    {error}
                  </span>
                )}
                {name === 'account' && sugg.length > 0 && !a && (
                  <ul className="suggestions" role="listbox" aria-label="科目候选">
                    {sugg.map((s) => (
                      <li key={s.id} role="option" aria-selected={false} onMouseDown={(e) => (e.preventDefault(), pickAccount(i, s))}>
                        {accountLabel(s)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            );
            return (
              <tr key={l.id} data-testid={`line-${i + 1}`}>
                <td>{i + 1}</td>
                {cell('summary', l.summary, (v) => setLine(i, { summary: v }), '摘要', null)}
                {cell('account', l.accountText, (v) => {
                  const exact = candidates(v, leaves).find((x) => x.code === v.trim() || accountLabel(x) === v.trim());
                  setLine(i, { accountText: v, accountId: exact?.id ?? '' });
                  setOpenSuggest(l.id);
                }, '科目', errs.account)}
                {cell('project', l.projectId, (v) => setLine(i, { projectId: v }), '项目', errs.project, { disabled: !readOnly && !a?.requiresProject && l.projectId === '', list: projectListId })}
                {cell('debit', l.debit, (v) => setLine(i, { debit: v }), '借方', errs.debit, { num: true })}
                {cell('credit', l.credit, (v) => setLine(i, { credit: v }), '贷方', errs.credit, { num: true })}
                <td>
                  {!readOnly && lines.length > 1 && (
                    <button type="button" className="link" aria-label={`删除第${i + 1}行`} onClick={() => setLines((ls) => ls.filter((x) => x.id !== l.id))}>
                      删除
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4}>合计</td>
            <td className="num" data-testid="total-debit">{formatMoneyFen(totalDebit)}</td>
            <td className="num" data-testid="total-credit">{formatMoneyFen(totalCredit)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
      <p className={difference === 0 ? 'muted' : 'form-error'} data-testid="voucher-difference">
        差额：{formatMoneyFen(difference)}
        {difference !== 0 && (difference > 0 ? '（借方多）' : '（贷方多）')}
      </p>
      {!readOnly && (
        <p className="muted">
          <button type="button" className="link" onClick={() => setLines((ls) => [...ls, emptyLine()])} data-testid="add-line">
            增加一行
          </button>
          {' '}回车跳到下一格；在金额格按「=」填入使凭证平衡的金额。
        </p>
      )}
      {linesError && <p className="form-error" role="alert" data-testid="voucher-lines-error">{linesError}</p>}
      {!readOnly && (
        <datalist id={projectListId} data-testid="project-options">
          {projects.map((p) => (
            <option key={p.projectId} value={p.projectId} />
          ))}
        </datalist>
      )}
      <AttachmentsField attachments={shownFiles} editable={!readOnly} onChange={setFiles} />
      <p className="muted">
        制单人：{stored?.preparedBy ?? actor.name}
        {stored?.reviewedBy && ` 审核人：${stored.reviewedBy}`}
        {stored?.postedBy && ` 记账人：${stored.postedBy}`}
      </p>
      {message && (
        <p className="form-error" role="alert" data-testid="voucher-error">
          {message}
        </p>
      )}
      <div className="form-actions">
        {status === 'draft' && (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void doSave()} data-testid="voucher-save">
              保存草稿
            </button>
            <button type="button" disabled={busy} onClick={() => void doReview()} data-testid="voucher-review">
              审核
            </button>
            {stored && (
              <button type="button" className="danger" disabled={busy} onClick={() => void doAction(() => deleteDraft(db, books, id), true)} data-testid="voucher-delete">
                删除草稿
              </button>
            )}
          </>
        )}
        {status === 'reviewed' && (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void doAction(() => post(db, books, id))} data-testid="voucher-post">
              过账
            </button>
            <button type="button" disabled={busy} onClick={() => void doAction(() => unreview(db, books, id))} data-testid="voucher-unreview">
              取消审核
            </button>
          </>
        )}
        {status === 'posted' && !red && !stored?.reversedBy && (
          <button type="button" disabled={busy} onClick={() => void doReverse()} data-testid="voucher-reverse">
            红冲
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void doPrint()} data-testid="voucher-print">
          打印凭证
        </button>
        <button type="button" onClick={onClose} data-testid="voucher-close">
          关闭
        </button>
      </div>
    </Dialog>
  );
}
