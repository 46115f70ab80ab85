import { createElement, type ComponentType } from 'react';
import type { Section } from '../../ui/section';
import { SettingsPage } from './SettingsPage';

/** 设置, with the cards other features add to it (given by the shell: settings imports no other feature). */
export const settingsSection = (panels: readonly ComponentType[]): Section => ({
  id: 'settings',
  label: '设置',
  Page: () => createElement(SettingsPage, { panels }),
});
