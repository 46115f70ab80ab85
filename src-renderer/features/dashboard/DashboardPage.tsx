import { useMemo } from 'react';
import { countActiveByParty, isOrganizationType, PARTY_LABELS } from '../../../shared/domain/roster';
import { formatAreaDm2 } from '../../../shared/domain/common/decimal';
import { PARTIES, type SettingsDoc } from '../../../shared/schema';
import { useRosterDocs, useSettings } from '../../db/hooks';
import { useStorageStatus } from '../../db/storage';
import { StorageStatusView } from '../../ui/StorageStatusView';
import { QuotaWarning } from '../../ui/QuotaWarning';
import { NoticeCards } from './NoticeCards';
import { TaskCards } from './TaskCards';

function ProfileSummary({ doc }: { doc: SettingsDoc | undefined }) {
  if (!doc?.compoundName) {
    return (
      <div className="prompt" data-testid="profile-prompt">
        <p>尚未填写小区信息。公告、会议记录的抬头和业主大会表决都会用到小区名称、所属街道社区和总面积等。</p>
        <a className="button primary" href="#/settings">
          前往设置填写
        </a>
      </div>
    );
  }
  const facts: [string, string | undefined][] = [
    ['所属街道', doc.street],
    ['所属社区', doc.community],
    ['党支部', doc.branchName],
    ['业委会', doc.ownersCommitteeName],
    ['共建理事会', doc.councilName],
    ['地址', doc.address],
    ['联系电话', doc.contactPhone],
    ['专有部分总面积', doc.totalAreaDm2 === undefined ? undefined : `${formatAreaDm2(doc.totalAreaDm2, { grouping: true })} 平方米`],
    ['业主总人数', doc.totalOwners === undefined ? undefined : `${doc.totalOwners} 人`],
    ['业委会委员', doc.ownersCommitteeSize === undefined ? undefined : `${doc.ownersCommitteeSize} 人`],
  ];
  const shown = facts.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '');
  return (
    <div data-testid="profile-summary">
      <p className="compound-name">{doc.compoundName}</p>
      {shown.length > 0 && (
        <dl className="facts">
          {shown.map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function RosterCounts() {
  const roster = useRosterDocs();
  const counts = useMemo(() => (roster.status === 'ready' ? countActiveByParty(roster.data) : null), [roster]);
  if (roster.status === 'loading' || !counts) return <p className="muted">正在加载……</p>;
  const people = PARTIES.reduce((n, p) => n + counts[p].people, 0);
  const organizations = PARTIES.reduce((n, p) => n + counts[p].organizations, 0);
  if (people === 0 && organizations === 0) {
    return (
      <div className="prompt" data-testid="roster-prompt">
        <p>还没有录入人员和组织。六方联动、会议签到都从名册中选人。</p>
        <a className="button" href="#/roster">
          前往组织人员
        </a>
      </div>
    );
  }
  return (
    <table className="table compact" data-testid="party-counts">
      <thead>
        <tr>
          <th>六方</th>
          <th className="num">在册人员</th>
          <th className="num">组织</th>
        </tr>
      </thead>
      <tbody>
        {PARTIES.map((p) => (
          <tr key={p} data-testid={`party-count-${p}`}>
            <td>{PARTY_LABELS[p]}</td>
            <td className="num">{counts[p].people}</td>
            <td className="num">{isOrganizationType(p) ? counts[p].organizations : '—'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>合计</td>
          <td className="num" data-testid="people-total">
            {people}
          </td>
          <td className="num" data-testid="organizations-total">
            {organizations}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export function DashboardPage() {
  const settings = useSettings();
  const storage = useStorageStatus();
  return (
    <div className="page">
      <header className="page-header">
        <h1>工作台</h1>
      </header>
      <QuotaWarning />
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="dash-profile">
          <h2 id="dash-profile">小区概况</h2>
          {settings.status === 'ready' ? <ProfileSummary doc={settings.data} /> : <p className="muted">正在加载……</p>}
        </section>
        <section className="card" aria-labelledby="dash-tasks">
          <h2 id="dash-tasks">六方联动</h2>
          <TaskCards />
        </section>
        <section className="card" aria-labelledby="dash-notices">
          <h2 id="dash-notices">公告栏</h2>
          <NoticeCards />
        </section>
        <section className="card" aria-labelledby="dash-roster">
          <h2 id="dash-roster">六方人员与组织</h2>
          <RosterCounts />
        </section>
        <section className="card" aria-labelledby="dash-storage">
          <h2 id="dash-storage">本机存储</h2>
          <StorageStatusView status={storage.status} quotaAdvice={false} />
        </section>
      </div>
    </div>
  );
}
