// The editor's keyboard shortcuts (SHORTCUT_HELP in labels.ts): Alt+N a 议题 after the current one, Alt+R a 决议 in it,
// Alt+Shift+↑/↓ moves it, Alt+↑/↓ and Ctrl+PageUp/PageDown go to the previous/next 议题. Not while a dialog is open.
import { useEffect } from 'react';
import { focusSoon } from './draft-fields';
import type { Editor } from './editor-context';
import { addResolution, addTopic, moveTopic, newResolution, newTopic, type Mutation } from './meeting-edits';
import type { MeetingSession } from './meeting-session';
import { useMinutesUi } from './minutes-store';
import { resolutionTextKey, topicNotesKey, topicTitleKey } from './TopicsSection';

export function useShortcuts(enabled: boolean, session: MeetingSession, change: Editor['change']) {
  const setCurrent = useMinutesUi((s) => s.setCurrentTopic);
  useEffect(() => {
    if (!enabled) return undefined;
    const run = (e: KeyboardEvent): boolean => {
      const m = session.current;
      if (!m) return false;
      const topics = m.topics;
      const cur = useMinutesUi.getState().currentTopicId;
      const idx = topics.findIndex((t) => t.id === cur);
      const alt = e.altKey && !e.ctrlKey && !e.metaKey;
      const up = e.key === 'ArrowUp';
      const down = e.key === 'ArrowDown';
      if (alt && !e.shiftKey && e.code === 'KeyN') {
        const id = crypto.randomUUID();
        change(addTopic(newTopic(id), idx >= 0 ? cur ?? undefined : undefined));
        setCurrent(id);
        focusSoon(topicTitleKey(id));
        return true;
      }
      if (alt && !e.shiftKey && e.code === 'KeyR') {
        const rid = crypto.randomUUID();
        let topic = topics[idx] ?? topics[topics.length - 1];
        let mutate: Mutation;
        if (topic) mutate = addResolution(topic.id, newResolution(rid));
        else {
          topic = newTopic(crypto.randomUUID());
          const t = topic;
          mutate = (d) => addResolution(t.id, newResolution(rid))(addTopic(t)(d));
        }
        change(mutate);
        setCurrent(topic.id);
        focusSoon(resolutionTextKey(rid));
        return true;
      }
      if (alt && e.shiftKey && (up || down)) {
        if (idx >= 0 && cur) change(moveTopic(cur, up ? -1 : 1));
        return true;
      }
      const jump = (alt && !e.shiftKey && (up || down)) || (e.ctrlKey && !e.altKey && (e.key === 'PageUp' || e.key === 'PageDown'));
      if (jump) {
        const back = up || e.key === 'PageUp';
        const target = idx < 0 ? topics[back ? topics.length - 1 : 0] : topics[Math.min(topics.length - 1, Math.max(0, idx + (back ? -1 : 1)))];
        if (target) {
          setCurrent(target.id);
          focusSoon(topicNotesKey(target.id));
        }
        return true;
      }
      return false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      if (run(e)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, session, change, setCurrent]);
}
