import { z } from 'zod';

/** `round.<uuid>.draft` or `round.<uuid>.summary` (shared/domain.ts names them). */
export const collabDocNameSchema = z
  .string()
  .regex(/^round\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(draft|summary)$/, {
    message: 'must be a round document name such as round.<id>.draft',
  });

export const collabTicketSchema = z.strictObject({ docName: collabDocNameSchema });
export type CollabTicketInput = z.infer<typeof collabTicketSchema>;

/** A short-lived credential for one /collab connection (and its reconnects while it lives). */
export interface CollabTicketView {
  ticket: string;
  expiresIn: number;
  /** What the server will let this connection do, so the editor can show itself read-only at once. */
  canWrite: boolean;
}

/** The awareness `user` field every client sees; the server writes it from the identity. */
export interface CollabUserState {
  name: string;
  color: string;
  userId: string;
}

/**
 * Sub-types of y-protocols' auth message (type 2), which only the server sends. y-protocols defines
 * permission-denied alone and its reader passes over any other, so a stock client ignores IDENTITY: the
 * connection's own awareness `user` (its colour is the server's choice), which the server never echoes.
 */
export const AUTH_MESSAGE = { PERMISSION_DENIED: 0, IDENTITY: 1 } as const;
