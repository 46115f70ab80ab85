// Moved to the shared export module (the ledger prints and exports too); kept as the tasks' import path.
export { reportOutcome } from '../../export/outcome';
