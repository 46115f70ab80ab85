// 科目: the chart as a tree with each account's balance; add a sub-account, deactivate. 建账 (the template chart)
// and the 期初余额 form, entered once, live here too.
import { useMemo, useState } from 'react';
import { formatFixed, formatMoneyFen, parseMoneyYuan } from '../../../shared/domain/common/decimal';
import { END_OF_TIME } from '../../../shared/domain/ledger/reports';
import { directionOf, onNormalSide, openingBalanceProblem, parentIds, trialBalance, type Account } from '../../../shared/domain/ledger';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { Badge } from '../../ui/Badge';
import type { Books } from './hooks';
import { activate, addAccount, deactivate, saveOpeningBalances, setUpFromTemplate, type LedgerFailure } from './ledger-writes';
import { actionErrorText, problemText, writeErrorText } from './messages';

export const TYPE_LABEL: Readonly<Record<Account['type'], string>> = { asset: '资产', liability: '负债', net_assets: '净资产', income: '收入', expense: '费用' };
const failText = (f: LedgerFailure): string => (f.kind === 'rule' ? actionErrorText(f.error) : writeErrorText(f.error));

const live = (books: Books): Account[] => books.accounts.filter((a) => a._deleted !== true).sort((a, b) => (a.code < b.code ? -1 : 1));

/** 按模板建账: shown while the chart is empty. */
export function SetupPanel() {
  const db = useDatabase();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card" data-testid="ledger-setup">
      <h2>建账</h2>
      <p>还没有会计科目。可按《民间非营利组织会计制度》的业委会科目模板建账，之后再增加明细科目（如各银行账户）。</p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        data-testid="setup-template"
        onClick={() => {
          setBusy(true);
          void setUpFromTemplate(db).then((r) => {
            setBusy(false);
            setMessage(r.ok ? null : failText(r.error));
          });
        }}
      >
        按模板建账
      </button>
      {message && <p className="form-error" role="alert">{message}</p>}
    </section>
  );
}

/** 期初余额: one amount per leaf account on its normal side, saved together once they balance. */
export function OpeningBalances({ books, onDone }: { books: Books; onDone: () => void }) {
  const db = useDatabase();
  const accounts = useMemo(() => live(books), [books]);
  const parents = useMemo(() => parentIds(accounts), [accounts]);
  const leaves = accounts.filter((a) => !parents.has(a.id) && a.active);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(leaves.map((a) => [a.id, a.openingBalanceFen ? formatFixed(a.openingBalanceFen, { scale: 2 }) : ''])),
  );
  const [message, setMessage] = useState<string | null>(null);
  const parsed = leaves.map((a) => {
    const t = texts[a.id] ?? '';
    const r = t.trim() === '' ? null : parseMoneyYuan(t, { allowNegative: true });
    return { a, fen: r?.ok ? (r.value as number) : 0, error: r && !r.ok ? errorText(r.error) : null };
  });
  const next = accounts.map((a) => {
    const p = parsed.find((x) => x.a.id === a.id);
    return p ? { ...a, openingBalanceFen: p.fen } : a;
  });
  const problem = openingBalanceProblem(next);
  let debit = 0;
  let credit = 0;
  for (const p of parsed) {
    const signed = p.a.normalSide === 'debit' ? p.fen : -p.fen;
    if (signed > 0) debit += signed;
    else credit -= signed;
  }
  const locked = books.vouchers.some((v) => v._deleted !== true && v.status === 'posted');
  return (
    <section className="card" data-testid="opening-balances">
      <h2>期初余额</h2>
      <p className="muted">按科目的余额方向填写（如银行存款填借方余额，净资产填贷方余额），借贷合计相等才能保存。{locked && '已有过账凭证，期初余额不能再修改。'}</p>
      <table className="table">
        <thead>
          <tr>
            <th>科目</th>
            <th>方向</th>
            <th className="num">期初余额（元）</th>
          </tr>
        </thead>
        <tbody>
          {parsed.map(({ a, error }) => (
            <tr key={a.id}>
              <td>
                {a.code} {a.name}
              </td>
              <td>{a.normalSide === 'debit' ? '借' : '贷'}</td>
              <td className="num">
                <input
                  aria-label={`期初余额 ${a.code} ${a.name}`}
                  data-testid={`opening-${a.code}`}
                  inputMode="decimal"
                  readOnly={locked}
                  value={texts[a.id] ?? ''}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => setTexts((t) => ({ ...t, [a.id]: e.target.value }))}
                />
                {error && <span className="field-error" role="alert">{error}</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>借方合计 / 贷方合计</td>
            <td className="num" data-testid="opening-totals">
              {formatMoneyFen(debit)} / {formatMoneyFen(credit)}
            </td>
          </tr>
        </tfoot>
      </table>
      {problem && <p className="form-error" data-testid="opening-problem">{problemText(problem)}</p>}
      {message && <p className="form-error" role="alert" data-testid="opening-error">{message}</p>}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          data-testid="opening-save"
          disabled={locked}
          onClick={() => {
            if (parsed.some((p) => p.error)) {
              setMessage('请先改正标红的金额。');
              return;
            }
            void saveOpeningBalances(db, accounts, new Map(parsed.map((p) => [p.a.id, p.fen]))).then((r) => {
              if (r.ok) onDone();
              else setMessage(failText(r.error));
            });
          }}
        >
          保存期初余额
        </button>
        <button type="button" onClick={onDone}>
          关闭
        </button>
      </div>
    </section>
  );
}

export function AccountsTab({ books }: { books: Books }) {
  const db = useDatabase();
  const accounts = useMemo(() => live(books), [books]);
  const parents = useMemo(() => parentIds(accounts), [accounts]);
  const balances = useMemo(() => {
    const tb = trialBalance(books, { from: END_OF_TIME, to: END_OF_TIME }, { includeZero: true });
    return new Map(tb.rows.map((r) => [r.accountId, r.closingFen]));
  }, [books]);
  const [adding, setAdding] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [openingOpen, setOpeningOpen] = useState(false);
  const level = (a: Account): number => (a.code.length - 4) / 2;

  if (openingOpen) return <OpeningBalances books={books} onDone={() => setOpeningOpen(false)} />;
  return (
    <>
      <div className="toolbar">
        <button type="button" onClick={() => setOpeningOpen(true)} data-testid="open-opening">
          期初余额
        </button>
      </div>
      {message && (
        <p className="form-error" role="alert" data-testid="accounts-error">
          {message}
        </p>
      )}
      <table className="table" data-testid="account-tree">
        <thead>
          <tr>
            <th>科目编码</th>
            <th>科目名称</th>
            <th>类别</th>
            <th>余额方向</th>
            <th>状态</th>
            <th className="num">余额</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => {
            const net = balances.get(a.id) ?? 0;
            return (
              <tr key={a.id} data-testid={`account-${a.code}`} className={a.active ? undefined : 'muted'}>
                <td>{a.code}</td>
                <td style={{ paddingLeft: `${0.5 + level(a) * 1.5}em` }}>
                  {a.name}
                  {a.requiresProject && <Badge tone="info">限定性·按项目</Badge>}
                  {parents.has(a.id) && <span className="muted">（汇总）</span>}
                </td>
                <td>{TYPE_LABEL[a.type]}</td>
                <td>{a.normalSide === 'debit' ? '借' : '贷'}</td>
                <td>{a.active ? '启用' : <Badge tone="muted">已停用</Badge>}</td>
                <td className="num">
                  {directionOf(net)} {formatMoneyFen(Math.abs(onNormalSide(net, a)))}
                </td>
                <td>
                  {!a.active && (
                    <button
                      type="button"
                      className="link"
                      data-testid={`activate-${a.code}`}
                      onClick={() =>
                        void activate(db, books, a.id).then((r) =>
                          setMessage(r.ok ? null : r.error.kind === 'rule' && r.error.error.code === 'PARENT_INACTIVE' ? '上级科目已停用：请先启用上级科目。' : failText(r.error)),
                        )
                      }
                    >
                      启用
                    </button>
                  )}
                  {a.active && (
                    <>
                      <button type="button" className="link" onClick={() => (setAdding(a.id), setName(''), setMessage(null))} data-testid={`add-sub-${a.code}`}>
                        增加明细
                      </button>{' '}
                      <button
                        type="button"
                        className="link"
                        data-testid={`deactivate-${a.code}`}
                        onClick={() => void deactivate(db, books, a.id).then((r) => setMessage(r.ok ? null : failText(r.error)))}
                      >
                        停用
                      </button>
                    </>
                  )}
                  {adding === a.id && (
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void addAccount(db, books, a.id, name).then((r) => {
                          if (r.ok) setAdding(null);
                          setMessage(r.ok ? null : failText(r.error));
                        });
                      }}
                    >
                      <input aria-label={`${a.name}的明细科目名称`} value={name} onChange={(e) => setName(e.target.value)} data-testid="sub-name" autoFocus />
                      <button type="submit" data-testid="sub-save">
                        添加
                      </button>
                      <button type="button" onClick={() => setAdding(null)}>
                        取消
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
