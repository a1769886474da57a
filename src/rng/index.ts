export * from './philox.js';
export * from './streams.js';
