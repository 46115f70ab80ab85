import type { Section } from '../../app/section';
import { SettingsPage } from './SettingsPage';

export const settingsSection: Section = { id: 'settings', label: '设置', Page: SettingsPage };
