import {
  validateOrganization,
  type OrganizationField,
  type OrganizationInput,
  type OrganizationValues,
  type RosterRecord,
} from '../../../shared/domain/roster';
import { useUiStore } from '../../ui/ui-store';
import { useDatabase } from '../../db/context';
import { errorText, fieldErrorText } from '../../i18n/errors';
import { Dialog } from '../../ui/Dialog';
import { FormError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useFormSubmit } from '../../ui/use-form-submit';
import { ORGANIZATION_TYPE_OPTIONS } from './options';
import { saveOrganization } from './roster-writes';

export const organizationInputOf = (doc: RosterRecord | undefined): OrganizationInput => ({
  name: doc?.name ?? '',
  party: doc?.party ?? '',
  contactName: doc?.contactName ?? '',
  contactPhone: doc?.contactPhone ?? '',
  address: doc?.address ?? '',
  agreementDate: doc?.agreementDate ?? '',
  serviceItems: (doc?.serviceItems ?? []).join('\n'),
  note: doc?.note ?? '',
});

/** 新增组织 / 编辑组织: 物业公司, 共建单位 (with agreement and service items), 社会组织, 居民小组. */
export function OrganizationForm({ organization, onClose }: { organization: RosterRecord | undefined; onClose: () => void }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  const { input, set, errors, formError, saving, onSubmit } = useFormSubmit({
    initial: () => organizationInputOf(organization),
    validate: validateOrganization,
    save: (values: OrganizationValues) => saveOrganization(db, organization?.id ?? null, values),
    onSaved: (values) => {
      showToast(organization ? '已保存修改' : `已添加：${values.name}`);
      onClose();
    },
  });

  const errorOf = (field: OrganizationField): string | undefined => {
    const e = errors[field];
    if (!e) return undefined;
    return e.code === 'NAME_REQUIRED' ? errorText(e.code, { subject: 'organization' }) : fieldErrorText(e);
  };

  return (
    <Dialog title={organization ? '编辑组织' : '新增组织'} onClose={onClose} wide testId="organization-form">
      <form noValidate onSubmit={onSubmit}>
        <FormError text={formError} />
        <div className="form-grid">
          <TextField label="名称" name="name" required value={input.name} onChange={(v) => set('name', v)} error={errorOf('name')} />
          <SelectField
            label="类型"
            name="party"
            required
            empty="请选择"
            options={ORGANIZATION_TYPE_OPTIONS}
            value={input.party}
            onChange={(v) => set('party', v)}
            error={errorOf('party')}
          />
          <TextField label="联系人" name="contactName" value={input.contactName} onChange={(v) => set('contactName', v)} error={errorOf('contactName')} />
          <TextField
            label="联系电话"
            name="contactPhone"
            type="tel"
            inputMode="tel"
            placeholder="如 13800138000 或 0571-87654321"
            value={input.contactPhone}
            onChange={(v) => set('contactPhone', v)}
            error={errorOf('contactPhone')}
          />
          <TextField label="地址" name="address" className="span-2" value={input.address} onChange={(v) => set('address', v)} error={errorOf('address')} />
          {input.party === 'co_builder' && (
            <TextField
              label="签约日期"
              name="agreementDate"
              type="date"
              value={input.agreementDate}
              onChange={(v) => set('agreementDate', v)}
              error={errorOf('agreementDate')}
            />
          )}
        </div>
        {input.party === 'co_builder' && (
          <TextAreaField
            label="认领服务项目"
            name="serviceItems"
            hint="每行一项，如：义诊、法律咨询、助老服务"
            rows={4}
            value={input.serviceItems}
            onChange={(v) => set('serviceItems', v)}
            error={errorOf('serviceItems')}
          />
        )}
        <TextAreaField label="备注" name="note" value={input.note} onChange={(v) => set('note', v)} error={errorOf('note')} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={saving} data-testid="save-organization">
            保存
          </button>
        </div>
      </form>
    </Dialog>
  );
}
