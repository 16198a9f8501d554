export { Clock } from './clock';
export { Storage } from './storage';
export type { Database, Db, Dialect, Executor } from './database.types';
