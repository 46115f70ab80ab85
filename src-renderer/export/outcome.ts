// Print and export go through the host bridge (or a file download): a refusal or a failure becomes a toast in
// Chinese instead of a silent nothing. Shared by every feature that prints or exports.
import type { BridgeErrorCode } from '../../shared/bridge';
import { bridgeErrorText } from '../i18n/minutes-errors';
import { useUiStore } from '../ui/ui-store';

type MaybeResult = { ok?: unknown; error?: { code?: unknown } } | null | undefined | void;

export async function reportOutcome(work: () => unknown): Promise<void> {
  const { showToast } = useUiStore.getState();
  try {
    const r = (await work()) as MaybeResult;
    if (r && typeof r === 'object' && r.ok === false) {
      const code = r.error?.code;
      showToast(typeof code === 'string' ? bridgeErrorText(code as BridgeErrorCode) ?? '操作失败，请重试。' : '操作失败，请重试。');
    }
  } catch (e) {
    console.error('print/export failed', e);
    showToast('操作失败，请重试。');
  }
}
