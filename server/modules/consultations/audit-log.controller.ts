import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { AuditChainView, AuditEventView } from '../../../shared/schemas/rounds.js';
import { RequireAuth, CurrentPrincipal } from '../auth/auth.guards.js';
import { AuditService } from '../audit/audit.service.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { User } from '../users/user.entity.js';
import { ConsultationAccess } from './consultation-access.service.js';

/** What readers of a consultation see of its log: how the process ran and was moderated, not who was enrolled. */
const PUBLIC_ACTIONS =
  /^(consultation\.(created|updated)|option\.|round\.|summary\.|moderation\.|(comment|thread)\.(hidden|unhidden|restored|redacted))/;
/** Keys never shown outside the secretariat, whatever module wrote the event. */
const PRIVATE_KEYS = /email|userid|ip|useragent|token|password/i;

function publicPayload(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(publicPayload);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !PRIVATE_KEYS.test(k))
        .map(([k, v]) => [k, publicPayload(v)]),
    );
  }
  return value;
}

@ApiTags('audit')
@Controller()
export class AuditLogController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
  ) {}

  @Get('consultations/:id/audit')
  @ApiOperation({
    summary:
      'The consultation’s audit log: public process and moderation events; everything for the secretariat',
  })
  async consultationLog(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AuditEventView[]> {
    const { ctx } = await this.access.context(principal, id);
    await this.access.assertCanRead(principal, id);
    const full = this.policy.can(principal, 'audit.readAll', ctx);
    const events = (await this.audit.list(id, 1000)).filter((e) => full || PUBLIC_ACTIONS.test(e.action));
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((a): a is string => !!a))];
    const actors = actorIds.length ? await this.db.getRepository(User).findBy({ id: In(actorIds) }) : [];
    const names = new Map(actors.map((u) => [u.id, u.displayName]));
    return events.map((e) => ({
      id: e.id,
      action: e.action,
      actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
      ...(full ? { actorId: e.actorId } : {}),
      payload: full ? e.payload : (publicPayload(e.payload) as Record<string, unknown>),
      createdAt: e.createdAt.toISOString(),
      hash: e.hash,
      prevHash: e.prevHash,
    }));
  }

  @Get('audit/verify')
  @RequireAuth()
  @ApiOperation({ summary: 'Verify the whole audit hash chain; names the first broken link' })
  async verify(@CurrentPrincipal() principal: Principal): Promise<AuditChainView> {
    this.policy.assert(principal, 'audit.verify', {});
    return this.audit.verify();
  }
}
