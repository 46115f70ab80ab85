import { useEffect, useState, useSyncExternalStore } from 'react';
import { useDatabase } from '../../db/context';
import { MeetingSession, SAVE_DELAY_MS, type SessionSnapshot } from './meeting-session';

/**
 * The save-as-you-type session of one meeting, for as long as its editor is open. Queued edits are written at once
 * when the window is hidden, left or closed (pagehide, visibilitychange → hidden, beforeunload) and when the editor
 * closes. What those writes cannot finish (a window closed or a renderer crashed right after typing) is in the
 * write-ahead store, which the editor restores on the next open: nothing typed is lost (issue #8; measured by the
 * crash-safety tests of tests/e2e/minutes.spec.ts).
 */
export function useMeetingSession(meetingId: string, delayMs = SAVE_DELAY_MS): { session: MeetingSession; snapshot: SessionSnapshot } {
  const db = useDatabase();
  const [session] = useState(() => new MeetingSession(db, meetingId, delayMs));
  useEffect(() => {
    session.start();
    const flush = () => void session.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      void session.stop();
    };
  }, [session]);
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  return { session, snapshot };
}
