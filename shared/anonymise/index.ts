export * from './check';
export * from './fold';
export * from './gazetteer';
export * from './patterns';
