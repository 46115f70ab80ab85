export * from './common';
export * from './blank';
export * from './meeting';
export * from './resolution';
export * from './finance';
export * from './project';
export * from './task';
