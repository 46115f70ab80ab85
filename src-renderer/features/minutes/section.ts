import type { Section } from '../../ui/section';
import { MinutesPage } from './MinutesPage';

export const meetingsSection: Section = { id: 'meetings', label: '会议记录', Page: MinutesPage };
