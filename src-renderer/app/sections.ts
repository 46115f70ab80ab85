// The registry the nav is built from: a feature appears by adding its Section here.
import { dashboardSection } from '../features/dashboard/section';
import { ledgerSection } from '../features/ledger/section';
import { meetingsSection } from '../features/minutes/section';
import { noticesSection } from '../features/notices/section';
import { rosterSection } from '../features/roster/section';
import { settingsSection } from '../features/settings/section';
import { tasksSection } from '../features/tasks/section';
import { conflictsSection } from '../features/sync/section';
import { SyncSettings } from '../features/sync/SyncSettings';
import { BackupCard } from '../features/backup/BackupCard';
import { SECTION_ORDER, type Section, type SectionId } from '../ui/section';

const REGISTERED: readonly Section[] = [
  dashboardSection,
  meetingsSection,
  tasksSection,
  ledgerSection,
  noticesSection,
  rosterSection,
  conflictsSection,
  settingsSection([SyncSettings, BackupCard]),
];

export const SECTIONS: readonly Section[] = [...REGISTERED].sort(
  (a, b) => SECTION_ORDER.indexOf(a.id) - SECTION_ORDER.indexOf(b.id),
);

export const sectionById = (id: SectionId): Section | undefined => SECTIONS.find((s) => s.id === id);
