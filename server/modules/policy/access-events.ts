/**
 * Someone's rights changed (platform role, consultation role, organisation standing, account disabled).
 * Emitted on the in-process event bus after the change committed; the relay repeats it on every node, so each
 * live transport (socket.io, the collaboration socket) re-checks that user's open connections at once.
 */
export const ACCESS_CHANGED = 'access.changed';

export class AccessChanged {
  constructor(
    readonly userId: string,
    /** The consultation whose role changed, or null when the change is platform-wide. */
    readonly consultationId: string | null,
    /** True when this copy came from another node through Redis (so it is not relayed again). */
    readonly fromOtherNode = false,
  ) {}
}
