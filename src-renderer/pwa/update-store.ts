// The update banner's state (UI state only, like ui/ui-store.ts). Transitions are policy.ts's nextUpdateState.
import { create } from 'zustand';
import { nextUpdateState, type UpdateEvent, type UpdateState } from './policy';

type PwaState = {
  update: UpdateState;
  send: (event: UpdateEvent) => void;
  /** What the banner's 立即更新 does: set by register.ts once the worker is registered. */
  applyUpdate: () => void;
  setApplyUpdate: (apply: () => void) => void;
};

export const usePwaStore = create<PwaState>()((set, get) => ({
  update: 'none',
  send: (event) => set({ update: nextUpdateState(get().update, event) }),
  applyUpdate: () => {},
  setApplyUpdate: (applyUpdate) => set({ applyUpdate }),
}));
