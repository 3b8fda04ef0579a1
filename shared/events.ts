/** socket.io event names. The server emits the `*` events after commit; the client sends the requests. */
export const CLIENT_EVENTS = {
  /** Ask to receive a consultation's live events: `{ consultationId }`, acknowledged with `{ ok }` or an error. */
  SUBSCRIBE: 'subscribe',
  UNSUBSCRIBE: 'unsubscribe',
} as const;

export const SERVER_EVENTS = {
  CONSULTATION_UPDATED: 'consultation.updated',
  ROUND_UPDATED: 'round.updated',
  ROUND_CLOSING_SOON: 'round.closingSoon',
  THREAD_UPDATED: 'thread.updated',
  COMMENT_UPDATED: 'comment.updated',
  POSITION_UPDATED: 'position.updated',
  TALLY_UPDATED: 'tally.updated',
  SUMMARY_PUBLISHED: 'summary.published',
  NOTIFICATION: 'notification',
  /** The session behind this socket ended: the client should sign in again. */
  SESSION_ENDED: 'session.ended',
  /**
   * The user's rights changed (role, organisation, account): `{ consultationId | null, unsubscribed: string[] }`.
   * The client refetches what it shows; `unsubscribed` lists consultations it may no longer read live.
   */
  ACCESS_CHANGED: 'access.changed',
} as const;

/** Room names, so both sides and every module agree on them. */
export const consultationRoom = (consultationId: string) => `consultation:${consultationId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** What every acknowledgement looks like. */
export type Ack<T = unknown> =
  { ok: true; data?: T } | { ok: false; error: { statusCode: number; code: string; message: string } };
