import type { Section } from '../../ui/section';
import { NoticesPage } from './NoticesPage';

export const noticesSection: Section = { id: 'notices', label: '公告打印', Page: NoticesPage };
