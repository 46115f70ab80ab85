// 新建项目公示 (以奖代补): 申报前 takes the project, its content, budget and funding as typed; 验收后 takes the acceptance
// result and reads the project's receipts and spending in a year from the books. The draft is then made like every
// generated notice (#/notices/new?from=project&…), so it keeps the hash of what it was made from.
import { useMemo, useState } from 'react';
import { parseMoneyYuan } from '../../../shared/domain/common/decimal';
import { projectsInUse } from '../../../shared/domain/ledger/projects';
import type { Voucher } from '../../../shared/domain/ledger/types';
import { useDatabase } from '../../db/context';
import { useObservable } from '../../db/hooks';
import { Dialog } from '../../ui/Dialog';
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';
import { NEW_NOTICE } from './route';
import { useToday } from './hooks';

type Stage = 'before' | 'after';
type Errors = Partial<Record<'project' | 'content' | 'budget' | 'acceptance' | 'year', string>>;

export function ProjectNoticeDialog({ onClose }: { onClose: () => void }) {
  const db = useDatabase();
  const today = useToday();
  const goTo = useUiStore((s) => s.goTo);
  const vouchers = useObservable(useMemo(() => db.vouchers.find().$, [db]));
  const projects = useMemo(() => (vouchers.status === 'ready' ? projectsInUse(vouchers.data.map((d) => d.toJSON() as unknown as Voucher)) : []), [vouchers]);
  const [stage, setStage] = useState<Stage>('before');
  const [project, setProject] = useState('');
  const [content, setContent] = useState('');
  const [budget, setBudget] = useState('');
  const [funding, setFunding] = useState('区级以奖代补资金');
  const [year, setYear] = useState(today.slice(0, 4));
  const [acceptance, setAcceptance] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  function submit() {
    const e: Errors = {};
    if (project.trim() === '') e.project = '请填写项目名称（与账簿中标注的项目一致）。';
    const query: Record<string, string> = { from: 'project', stage, project: project.trim(), issueDate: today };
    if (stage === 'before') {
      if (content.trim() === '') e.content = '请填写建设内容。';
      const fen = parseMoneyYuan(budget);
      if (!fen.ok || fen.value <= 0) e.budget = '请填写预算金额，如 120,000.00。';
      else query.budget = String(fen.value);
      query.content = content.trim();
      query.funding = funding.trim();
    } else {
      if (!/^\d{4}$/.test(year)) e.year = '请填写四位年份。';
      if (acceptance.trim() === '') e.acceptance = '请填写验收结果，如：经街道组织验收，工程质量合格。';
      query.year = year;
      query.acceptance = acceptance.trim();
    }
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    onClose();
    goTo(routeHash('notices', [NEW_NOTICE], query));
  }

  const err = (k: keyof Errors) =>
    errors[k] ? (
      <span className="field-error" role="alert" data-testid={`project-error-${k}`}>
        {errors[k]}
      </span>
    ) : null;

  return (
    <Dialog title="新建项目公示（以奖代补）" onClose={onClose} testId="project-notice-dialog">
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <fieldset>
          <legend>阶段</legend>
          <label>
            <input type="radio" name="stage" checked={stage === 'before'} onChange={() => setStage('before')} /> 申报前
          </label>{' '}
          <label>
            <input type="radio" name="stage" checked={stage === 'after'} onChange={() => setStage('after')} /> 验收后
          </label>
        </fieldset>
        <label className="field">
          项目名称
          <input list="project-notice-projects" value={project} onChange={(e) => setProject(e.target.value)} data-testid="project-name" />
          <datalist id="project-notice-projects">
            {projects.map((p) => (
              <option key={p.projectId} value={p.projectId} />
            ))}
          </datalist>
          {err('project')}
        </label>
        {stage === 'before' ? (
          <>
            <label className="field">
              建设内容
              <textarea rows={4} value={content} onChange={(e) => setContent(e.target.value)} data-testid="project-content" />
              {err('content')}
            </label>
            <label className="field">
              预算（元）
              <input value={budget} onChange={(e) => setBudget(e.target.value)} inputMode="decimal" data-testid="project-budget" />
              {err('budget')}
            </label>
            <label className="field">
              资金来源
              <input value={funding} onChange={(e) => setFunding(e.target.value)} data-testid="project-funding" />
            </label>
          </>
        ) : (
          <>
            <label className="field">
              资金年度
              <input value={year} onChange={(e) => setYear(e.target.value)} inputMode="numeric" data-testid="project-year" />
              {err('year')}
            </label>
            <label className="field">
              验收结果
              <textarea rows={3} value={acceptance} onChange={(e) => setAcceptance(e.target.value)} data-testid="project-acceptance" />
              {err('acceptance')}
            </label>
            <p className="muted">收入、支出和结余取自财务台账中标注该项目的已过账凭证。</p>
          </>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" data-testid="project-notice-create">
            生成公示草稿
          </button>
        </div>
      </form>
    </Dialog>
  );
}
