export * from './from-action-item';
