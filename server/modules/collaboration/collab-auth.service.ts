import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.service.js';
import { DomainError } from '../../common/errors.js';
import { allowedOrigins } from '../auth/jwt.strategy.js';
import { PrincipalResolver } from '../auth/principal.resolver.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { CollabTickets } from './collab-tickets.service.js';
import type { DocRef } from './doc-name.js';

/** What one connection may do on one document, as the policy answers it now. */
export interface CollabRights {
  consultationId: string;
  write: boolean;
  /** May appear in the presence list (awareness). Anonymous readers and observers are silent. */
  presence: boolean;
}

/**
 * Identity and rights for /collab, from the same resolver and policy as HTTP and socket.io. A credential
 * that is present but bad is a 401 (never a silent downgrade to anonymous, so a client learns to sign in).
 */
@Injectable()
export class CollabAuth {
  private readonly origins: string[];
  /** One frozen rights object per (consultation, write, presence): a crowd of readers shares one. */
  private readonly sharedRights = new Map<string, Readonly<CollabRights>>();

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly tickets: CollabTickets,
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
    config: AppConfig,
  ) {
    this.origins = allowedOrigins(config);
  }

  /** `?ticket=`, else `Authorization: Bearer`, else the same-origin session cookie, else anonymous (null). */
  async principalOf(req: IncomingMessage, ticket: string | null, docName: string): Promise<Principal | null> {
    if (ticket) {
      const { userId, sessionId } = await this.tickets.verify(ticket, docName);
      return this.principals.fromSession(sessionId, userId);
    }
    const token = this.principals.credentialOf(req, this.origins);
    return token ? this.principals.fromToken(token) : null;
  }

  /** Throws 401/403/404 when the principal may not even read the document. */
  async rights(principal: Principal | null, ref: DocRef): Promise<CollabRights> {
    const { round, ctx: roundCtx } = await this.access.roundContext(principal, ref.roundId);
    if (ref.kind === 'draft') {
      this.assertRead(principal, this.policy.can(principal, 'draft.read', roundCtx), 'draft.read', roundCtx);
      return this.share({
        consultationId: round.consultationId,
        write: this.policy.can(principal, 'draft.edit', roundCtx),
        presence: this.policy.can(principal, 'presence.broadcast', roundCtx),
      });
    }
    // The summary is the chairs' working document: chairs write it, the secretariat reads along.
    const write = this.policy.can(principal, 'summary.edit', roundCtx);
    const read = write || this.policy.can(principal, 'round.manage', roundCtx);
    this.assertRead(principal, read, 'summary.edit', roundCtx);
    return this.share({ consultationId: round.consultationId, write, presence: read });
  }

  private share(rights: CollabRights): Readonly<CollabRights> {
    const key = `${rights.consultationId}:${rights.write}:${rights.presence}`;
    let shared = this.sharedRights.get(key);
    if (!shared) this.sharedRights.set(key, (shared = Object.freeze(rights)));
    return shared;
  }

  private assertRead(
    principal: Principal | null,
    allowed: boolean,
    action: 'draft.read' | 'summary.edit',
    ctx: object,
  ) {
    if (allowed) return;
    this.policy.assert(principal, action, ctx);
    // The policy allowed the action itself but not reading here (e.g. summary): still a refusal.
    throw new DomainError(403, 'FORBIDDEN', 'You may not open this document');
  }
}
