export * from './docs';
