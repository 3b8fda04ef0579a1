import { Initial1764300000000 } from './1764300000000-Initial.js';
import { OrganisationAdmins1764300100000 } from './1764300100000-OrganisationAdmins.js';
import { RefreshReuseDetection1764300100001 } from './1764300100001-RefreshReuseDetection.js';
import { RoundsAndConsultationSettings1764300200000 } from './1764300200000-RoundsAndConsultationSettings.js';
import { CollabDocuments1764300300000 } from './1764300300000-CollabDocuments.js';
import { Positions1764300400000 } from './1764300400000-Positions.js';
import { PositionTallyVersions1764300400001 } from './1764300400001-PositionTallyVersions.js';
import { Annotations1764300500000 } from './1764300500000-Annotations.js';
import { SummaryVersions1764300600000 } from './1764300600000-SummaryVersions.js';
import { PositionThreads1764300700000 } from './1764300700000-PositionThreads.js';
import { ConsultationVersions1764300800000 } from './1764300800000-ConsultationVersions.js';

/** Every migration, in order. Listed by class so the same list works compiled and under vitest. */
export const MIGRATIONS: (new () => unknown)[] = [
  Initial1764300000000,
  OrganisationAdmins1764300100000,
  RefreshReuseDetection1764300100001,
  RoundsAndConsultationSettings1764300200000,
  CollabDocuments1764300300000,
  Positions1764300400000,
  PositionTallyVersions1764300400001,
  Annotations1764300500000,
  SummaryVersions1764300600000,
  PositionThreads1764300700000,
  ConsultationVersions1764300800000,
];
