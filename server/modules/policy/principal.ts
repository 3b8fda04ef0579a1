import type { PlatformRole } from '../../../shared/domain.js';

/** Who is acting, as every transport (HTTP, socket.io, /collab) resolves it. `null` is an anonymous reader. */
export interface Principal {
  userId: string;
  sessionId: string;
  displayName: string;
  platformRole: PlatformRole;
  organisationId: string | null;
  isFocalPoint: boolean;
  /** The ITU membership that counts for members-only consultations (organisation's, else personal). */
  membership: string | null;
}
