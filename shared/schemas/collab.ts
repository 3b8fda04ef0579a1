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
