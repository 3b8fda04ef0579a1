import type { PlatformRole } from '../../../shared/domain.js';

/** Who is acting, as every transport (HTTP, socket.io, /collab) resolves it. `null` is an anonymous reader. */
export interface Principal {
  userId: string;
  sessionId: string;
  displayName: string;
  platformRole: PlatformRole;
  organisationId: string | null;
  /** Speaks for `organisationId`: a focal point of a *verified* organisation (see PrincipalResolver). */
  isFocalPoint: boolean;
  /** May set the focal points of `organisationId` (its own admin, not the platform's). */
  isOrgAdmin?: boolean;
  /** The ITU membership that counts for members-only consultations (organisation's, else personal). */
  membership: string | null;
}
