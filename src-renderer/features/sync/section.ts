import type { Section } from '../../ui/section';
import { ConflictsPage } from './ConflictsPage';

export const conflictsSection: Section = { id: 'conflicts', label: '冲突', Page: ConflictsPage };
