import type { Section } from '../../app/section';
import { ConflictsPage } from './ConflictsPage';

export const conflictsSection: Section = { id: 'conflicts', label: '冲突', Page: ConflictsPage };
