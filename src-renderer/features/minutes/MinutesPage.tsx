import { MeetingEditor } from './MeetingEditor';
import { MeetingList } from './MeetingList';
import { useOpenMeetingId } from './route';

/** The list, or the meeting named in the hash (#/meetings/<id>). */
export function MinutesPage() {
  const id = useOpenMeetingId();
  return id ? <MeetingEditor key={id} meetingId={id} /> : <MeetingList />;
}
