export * from './directives.js';
export type * from './workflow.js';
export * from './layer.js';
export * from './diagnostic.js';
export type * from './catalog.js';
