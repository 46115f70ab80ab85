export * from './docs';
export * from './lifecycle';
export * from './public';
export * from './issue';
export * from './draft-form';
export * from './generate';
