// Backups (issue #15): the file format (format.ts) and the restore rule (restore-plan.ts).
export * from './format';
export * from './restore-plan';
