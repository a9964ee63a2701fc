export * from './enums.js';
export * from './rag.js';
export * from './dates.js';
export * from './flags.js';
export * from './indicators.js';
export * from './etag.js';
export * from './limits.js';
export * from './passwords.js';
