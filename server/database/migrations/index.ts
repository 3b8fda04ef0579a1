import { Initial1764300000000 } from './1764300000000-Initial.js';
import { OrganisationAdmins1764300100000 } from './1764300100000-OrganisationAdmins.js';
import { RefreshReuseDetection1764300100001 } from './1764300100001-RefreshReuseDetection.js';

/** Every migration, in order. Listed by class so the same list works compiled and under vitest. */
export const MIGRATIONS: (new () => unknown)[] = [
  Initial1764300000000,
  OrganisationAdmins1764300100000,
  RefreshReuseDetection1764300100001,
];
