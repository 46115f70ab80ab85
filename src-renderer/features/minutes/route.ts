// Which meeting is open lives in the hash (#/meetings/<id>), so a reload — or a crash — reopens the same record.
import { useSyncExternalStore } from 'react';

const PREFIX = '#/meetings/';

export function meetingIdFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  const id = hash.slice(PREFIX.length).split(/[/?]/)[0] ?? '';
  return id === '' ? null : decodeURIComponent(id);
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export const useOpenMeetingId = (): string | null =>
  useSyncExternalStore(subscribe, () => meetingIdFromHash(window.location.hash), () => null);

export function openMeeting(id: string): void {
  window.location.hash = `${PREFIX}${encodeURIComponent(id)}`;
}

export function closeMeeting(): void {
  window.location.hash = '#/meetings';
}
