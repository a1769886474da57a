export * from './ensemble.js';
export * from './params.js';
export * from './errors.js';
export * from './grid.js';
export * from './validate.js';
