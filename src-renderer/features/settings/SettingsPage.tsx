import { useState, type ComponentType, type FormEvent } from 'react';
import {
  profileInputOf,
  validateCompoundProfile,
  validateOperatorName,
  type CompoundProfileField,
  type CompoundProfileValues,
} from '../../../shared/domain/settings';
import type { SettingsDoc } from '../../../shared/schema';
import { useUiStore } from '../../ui/ui-store';
import { useDatabase } from '../../db/context';
import { useSettings } from '../../db/hooks';
import { DEFAULT_OPERATOR_NAME, setOperatorName, useOperatorName } from '../../db/operator';
import { useStorageStatus } from '../../db/storage';
import { errorText, fieldErrorText } from '../../i18n/errors';
import { FormError, TextField } from '../../ui/fields';
import { useFormSubmit } from '../../ui/use-form-submit';
import { useAppInfo } from '../../bridge/app-info';
import { saveCompoundProfile } from './settings-writes';
import { StorageStatusView } from '../../ui/StorageStatusView';
import { CalendarDaysCard } from './CalendarDaysCard';

type ProfileFieldSpec = {
  field: CompoundProfileField;
  label: string;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric' | 'tel';
  wide?: boolean;
  /** One line under the field saying what it is. */
  hint?: string;
};

const PROFILE_FIELDS: readonly ProfileFieldSpec[] = [
  { field: 'compoundName', label: '小区名称', placeholder: '如 幸福里小区' },
  { field: 'street', label: '所属街道' },
  { field: 'community', label: '所属社区' },
  { field: 'branchName', label: '党支部名称', placeholder: '如 幸福里小区党支部' },
  { field: 'ownersCommitteeName', label: '业委会名称', placeholder: '如 幸福里小区业主委员会' },
  { field: 'councilName', label: '共建理事会名称' },
  { field: 'address', label: '地址', wide: true },
  { field: 'contactPhone', label: '联系电话', inputMode: 'tel' },
  // 民法典 art. 278 counts the exclusive parts (专有部分) that owners hold, not the compound's land or floor area.
  {
    field: 'totalArea',
    label: '专有部分总面积（平方米）',
    placeholder: '如 12345.67',
    inputMode: 'decimal',
    hint: '全体业主房屋专有部分面积之和，业主大会表决按此计算面积比例。',
  },
  { field: 'totalOwners', label: '业主总人数', inputMode: 'numeric' },
  { field: 'ownersCommitteeSize', label: '业委会委员人数', inputMode: 'numeric' },
];

function ProfileForm({ doc }: { doc: SettingsDoc | undefined }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  const { input, set, errors, formError, saving, onSubmit } = useFormSubmit({
    initial: () => profileInputOf(doc),
    validate: validateCompoundProfile,
    save: (values: CompoundProfileValues) => saveCompoundProfile(db, values),
    onSaved: (values, setInput) => {
      // Show what was stored (e.g. "12,345.6" becomes "12345.6").
      setInput(profileInputOf(values));
      showToast('小区信息已保存');
    },
  });

  return (
    <form noValidate onSubmit={onSubmit} data-testid="profile-form">
      <FormError text={formError} />
      <div className="form-grid">
        {PROFILE_FIELDS.map((f) => {
          const err = errors[f.field];
          return (
            <TextField
              key={f.field}
              label={f.label}
              name={f.field}
              placeholder={f.placeholder}
              inputMode={f.inputMode}
              className={f.wide ? 'span-2' : undefined}
              hint={f.hint}
              value={input[f.field]}
              onChange={(v) => set(f.field, v)}
              error={err ? fieldErrorText(err) : undefined}
            />
          );
        })}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-testid="save-profile">
          保存小区信息
        </button>
      </div>
    </form>
  );
}

function OperatorForm() {
  const operator = useOperatorName();
  const showToast = useUiStore((s) => s.showToast);
  const [text, setText] = useState(operator === DEFAULT_OPERATOR_NAME ? '' : operator);
  const [error, setError] = useState<string | undefined>();

  function submit(e: FormEvent) {
    e.preventDefault();
    const r = validateOperatorName(text);
    if (!r.ok) {
      setError(errorText(r.error.code, r.error.detail));
      return;
    }
    try {
      setOperatorName(r.value);
    } catch {
      setError('无法保存操作人：本机存储不可用。');
      return;
    }
    setText(r.value ?? '');
    showToast(`操作人已设为：${r.value ?? DEFAULT_OPERATOR_NAME}`);
  }

  return (
    <form noValidate onSubmit={submit} className="inline-form" data-testid="operator-form">
      <TextField
        label="本机操作人"
        name="operatorName"
        placeholder={DEFAULT_OPERATOR_NAME}
        hint={`每次修改都会记下操作人。留空则为「${DEFAULT_OPERATOR_NAME}」。登录同步服务器后自动改为账号的姓名。`}
        value={text}
        onChange={(v) => {
          setText(v);
          setError(undefined);
        }}
        error={error}
      />
      <div className="form-actions">
        <button type="submit" data-testid="save-operator">
          保存操作人
        </button>
      </div>
    </form>
  );
}

function AboutCard() {
  const info = useAppInfo();
  return (
    <dl className="facts" data-testid="app-info">
      <dt>版本</dt>
      <dd data-testid="app-version">{info ? info.version : '……'}</dd>
      <dt>运行方式</dt>
      <dd>{info ? (info.host === 'desktop' ? '桌面版' : '网页版（浏览器）') : '……'}</dd>
      {info && info.userDataPath !== '' && (
        <>
          <dt>数据目录</dt>
          <dd className="mono">{info.userDataPath}</dd>
        </>
      )}
    </dl>
  );
}

/** `panels`: cards other features add to 设置 (sync's 同步服务器), given by the shell so settings imports no feature. */
export function SettingsPage({ panels = [] }: { panels?: readonly ComponentType[] }) {
  const settings = useSettings();
  const storage = useStorageStatus();
  return (
    <div className="page">
      <header className="page-header">
        <h1>设置</h1>
      </header>

      <section className="card" aria-labelledby="settings-profile">
        <h2 id="settings-profile">小区信息</h2>
        <p className="card-sub">用于公告、会议记录的抬头，以及业主大会表决的计算基数。</p>
        {settings.status === 'loading' && <p className="muted">正在加载……</p>}
        {settings.status === 'error' && (
          <p className="form-error" role="alert">
            读取小区信息失败，请重新打开此页面。
          </p>
        )}
        {settings.status === 'ready' && <ProfileForm doc={settings.data} />}
      </section>

      <section className="card" aria-labelledby="settings-operator">
        <h2 id="settings-operator">本机操作人</h2>
        <OperatorForm />
      </section>

      {settings.status === 'ready' && <CalendarDaysCard doc={settings.data} />}

      {panels.map((Panel, i) => (
        <Panel key={i} />
      ))}

      <section className="card" aria-labelledby="settings-storage">
        <h2 id="settings-storage">本机存储</h2>
        <StorageStatusView status={storage.status} />
        <button type="button" onClick={storage.refresh}>
          刷新
        </button>
      </section>

      <section className="card" aria-labelledby="settings-about">
        <h2 id="settings-about">关于</h2>
        <AboutCard />
      </section>
    </div>
  );
}
