import type { Section } from '../../ui/section';
import { DashboardPage } from './DashboardPage';

export const dashboardSection: Section = { id: 'dashboard', label: '工作台', Page: DashboardPage };
