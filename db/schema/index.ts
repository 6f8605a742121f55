// The schema drizzle-kit reads and the client is typed with; each domain adds its file here.
export * from './catalogue';
export * from './chat';
export * from './gear';
export * from './meta';
export * from './sessions';
export * from './tracks';
export * from './users';
export * from './voice';
