import { Initial1764300000000 } from './1764300000000-Initial.js';
import { CollabDocuments1764300300000 } from './1764300300000-CollabDocuments.js';
import { Annotations1764300500000 } from './1764300500000-Annotations.js';

/** Every migration, in order. Listed by class so the same list works compiled and under vitest. */
export const MIGRATIONS: (new () => unknown)[] = [
  Initial1764300000000,
  CollabDocuments1764300300000,
  Annotations1764300500000,
];
