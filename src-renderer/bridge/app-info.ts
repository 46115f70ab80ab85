import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/bridge';
import { getBridge } from './index';

/** The host's app:info; null while asking or if the host could not answer. */
export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    getBridge()['app:info']({})
      .then((r) => {
        if (live && r.ok) setInfo(r.value);
      })
      .catch((e: unknown) => console.error('app:info failed', e));
    return () => {
      live = false;
    };
  }, []);
  return info;
}
