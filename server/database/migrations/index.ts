import { Initial1764300000000 } from './1764300000000-Initial.js';
import { Positions1764300400000 } from './1764300400000-Positions.js';
import { PositionTallyVersions1764300400001 } from './1764300400001-PositionTallyVersions.js';

/** Every migration, in order. Listed by class so the same list works compiled and under vitest. */
export const MIGRATIONS: (new () => unknown)[] = [
  Initial1764300000000,
  Positions1764300400000,
  PositionTallyVersions1764300400001,
];
