import type { Section } from '../../ui/section';
import { LedgerPage } from './LedgerPage';

export const ledgerSection: Section = { id: 'ledger', label: '财务台账', Page: LedgerPage };
