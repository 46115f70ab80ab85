export * from './area';
export * from './profile';
