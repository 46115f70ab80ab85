import type { Section } from '../../ui/section';
import { TasksPage } from './TasksPage';

export const tasksSection: Section = { id: 'tasks', label: '六方联动', Page: TasksPage };
