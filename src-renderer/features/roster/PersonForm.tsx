import { useMemo } from 'react';
import {
  validatePerson,
  type PersonField,
  type PersonInput,
  type PersonValues,
  type RosterRecord,
} from '../../../shared/domain/roster';
import { useDatabase } from '../../db/context';
import { fieldErrorText } from '../../i18n/errors';
import { Dialog } from '../../ui/Dialog';
import { CheckboxGroup, FormError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useFormSubmit } from '../../ui/use-form-submit';
import { useUiStore } from '../../ui/ui-store';
import { PARTY_OPTIONS, ROLE_OPTIONS } from './options';
import { savePerson } from './roster-writes';

const EMPTY: PersonInput = {
  name: '',
  phone: '',
  building: '',
  unit: '',
  room: '',
  party: '',
  roles: [],
  post: '',
  organizationId: '',
  note: '',
};

export const personInputOf = (doc: RosterRecord | undefined): PersonInput =>
  doc
    ? {
        name: doc.name,
        phone: doc.phone ?? '',
        building: doc.building ?? '',
        unit: doc.unit ?? '',
        room: doc.room ?? '',
        party: doc.party,
        roles: doc.roles ?? [],
        post: doc.post ?? '',
        organizationId: doc.organizationId ?? '',
        note: doc.note ?? '',
      }
    : EMPTY;

/** 新增人员 / 编辑人员. Invalid input is never saved; a failed write keeps everything typed. */
export function PersonForm({
  person,
  organizations,
  onClose,
}: {
  /** undefined = a new person. */
  person: RosterRecord | undefined;
  organizations: readonly RosterRecord[];
  onClose: () => void;
}) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);

  // Active organisations, plus the one already linked even if it has left (so an edit does not silently drop it).
  const organizationOptions = useMemo(
    () =>
      organizations
        .filter((o) => o.status === 'active' || o.id === person?.organizationId)
        .map((o) => ({ value: o.id, label: o.status === 'left' ? `${o.name}（已退出）` : o.name })),
    [organizations, person?.organizationId],
  );
  const organizationIds = useMemo(() => new Set(organizations.map((o) => o.id)), [organizations]);

  const { input, set, errors, formError, saving, onSubmit } = useFormSubmit({
    initial: () => personInputOf(person),
    validate: (i: PersonInput) => validatePerson(i, { organizationIds }),
    save: (values: PersonValues) => savePerson(db, person?.id ?? null, values),
    onSaved: (values) => {
      showToast(person ? '已保存修改' : `已添加：${values.name}`);
      onClose();
    },
  });

  const errorOf = (field: PersonField): string | undefined => {
    const e = errors[field];
    return e ? fieldErrorText(e) : undefined;
  };

  return (
    <Dialog title={person ? '编辑人员' : '新增人员'} onClose={onClose} wide testId="person-form">
      <form noValidate onSubmit={onSubmit}>
        <FormError text={formError} />
        <div className="form-grid">
          <TextField label="姓名" name="name" required value={input.name} onChange={(v) => set('name', v)} error={errorOf('name')} />
          <TextField
            label="手机"
            name="phone"
            type="tel"
            inputMode="tel"
            placeholder="如 13800138000 或 0571-87654321"
            value={input.phone}
            onChange={(v) => set('phone', v)}
            error={errorOf('phone')}
          />
          <TextField label="楼栋号" name="building" placeholder="如 3号楼" value={input.building} onChange={(v) => set('building', v)} error={errorOf('building')} />
          <TextField label="单元号" name="unit" placeholder="如 2单元" value={input.unit} onChange={(v) => set('unit', v)} error={errorOf('unit')} />
          <TextField label="房号" name="room" placeholder="如 301" value={input.room} onChange={(v) => set('room', v)} error={errorOf('room')} />
          <SelectField
            label="代表方"
            name="party"
            required
            empty="请选择"
            options={PARTY_OPTIONS}
            value={input.party}
            onChange={(v) => set('party', v)}
            error={errorOf('party')}
          />
          <TextField label="职务" name="post" placeholder="如 支部书记、业委会主任" value={input.post} onChange={(v) => set('post', v)} error={errorOf('post')} />
          <SelectField
            label="所属组织"
            name="organizationId"
            empty="无"
            options={organizationOptions}
            value={input.organizationId}
            onChange={(v) => set('organizationId', v)}
            error={errorOf('organizationId')}
            hint={organizationOptions.length === 0 ? '尚未录入组织，可在「组织」页添加' : undefined}
          />
        </div>
        <CheckboxGroup
          legend="角色"
          name="roles"
          options={ROLE_OPTIONS}
          value={input.roles}
          onChange={(v) => set('roles', v)}
          error={errorOf('roles')}
        />
        <TextAreaField label="备注" name="note" value={input.note} onChange={(v) => set('note', v)} error={errorOf('note')} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={saving} data-testid="save-person">
            保存
          </button>
        </div>
      </form>
    </Dialog>
  );
}
