export * from './common.js';
export * from './rag.js';
export * from './auth.js';
export * from './users.js';
export * from './plans.js';
export * from './recommendations.js';
export * from './actions.js';
