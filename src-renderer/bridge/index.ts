// The renderer's one way to reach its host: Electron's preload bridge when present, else the browser's.
import { BRIDGE_GLOBAL, type Bridge } from '../../shared/bridge';
import { webBridge } from './web';

declare global {
  // Declaration merging with the DOM's Window needs an interface.
  interface Window {
    linli?: Bridge;
  }
}

// Keeps `window.linli` above and BRIDGE_GLOBAL in step: renaming one without the other fails tsc.
const globalName: 'linli' = BRIDGE_GLOBAL;

export function getBridge(): Bridge {
  return (typeof window !== 'undefined' ? window[globalName] : undefined) ?? webBridge;
}
