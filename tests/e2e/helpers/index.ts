export * from './axe';
export * from './browser';
export * from './server';
export * from './sign-in';
export * from './suite';
