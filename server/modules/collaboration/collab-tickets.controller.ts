import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type CollabTicketInput,
  type CollabTicketView,
  collabTicketSchema,
} from '../../../shared/schemas/collab.js';
import { notFound } from '../../common/errors.js';
import { ZodBody } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { CollabAuth } from './collab-auth.service.js';
import { CollabTickets } from './collab-tickets.service.js';
import { parseDocName } from './doc-name.js';

@ApiTags('collaboration')
@Controller('collab')
export class CollabTicketsController {
  constructor(
    private readonly tickets: CollabTickets,
    private readonly auth: CollabAuth,
  ) {}

  /** A one-minute ticket for `/collab/<docName>?ticket=…`; refused (403/404) when the caller may not read it. */
  @Post('tickets')
  @HttpCode(201)
  @RequireAuth()
  @ZodBody(collabTicketSchema)
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CollabTicketInput,
  ): Promise<CollabTicketView> {
    const ref = parseDocName(body.docName);
    if (!ref) throw notFound('The document');
    const rights = await this.auth.rights(principal, ref);
    return {
      ticket: await this.tickets.issue(principal, ref.name),
      expiresIn: this.tickets.ttlSeconds,
      canWrite: rights.write,
    };
  }
}
