// Which meeting is open lives in the hash (#/meetings/<id>), so a reload — or a crash — reopens the same record. The
// hash is parsed once, by the shell (ui/route.ts); this file only names the meetings section's places.
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';

export const useOpenMeetingId = (): string | null =>
  useUiStore((s) => (s.route.section === 'meetings' ? (s.route.path[0] ?? null) : null));

export function openMeeting(id: string): void {
  useUiStore.getState().goTo(routeHash('meetings', [id]));
}

export function closeMeeting(): void {
  useUiStore.getState().goTo(routeHash('meetings'));
}
