import type { Section } from '../../ui/section';
import { RosterPage } from './RosterPage';

export const rosterSection: Section = { id: 'roster', label: '组织人员', Page: RosterPage };
