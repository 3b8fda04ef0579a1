import { Initial1764300000000 } from './1764300000000-Initial.js';
import { CollabDocuments1764300300000 } from './1764300300000-CollabDocuments.js';

/** Every migration, in order. Listed by class so the same list works compiled and under vitest. */
export const MIGRATIONS: (new () => unknown)[] = [Initial1764300000000, CollabDocuments1764300300000];
