import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ConsultationRoleInput, consultationRoleSchema } from '../../../shared/schemas/identity.js';
import { ZodBody } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { ConsultationRolesService } from './consultation-roles.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('roles')
@ApiBearerAuth()
@RequireAuth()
@Controller('consultations/:id/roles')
export class ConsultationRolesController {
  constructor(private readonly roles: ConsultationRolesService) {}

  @Get()
  @ApiOperation({ summary: 'Secretariat: who holds a role in this consultation' })
  list(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.roles.list(principal, id);
  }

  @Get(':userId')
  @ApiOperation({ summary: 'Secretariat: one person’s role in this consultation' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
  ) {
    return this.roles.get(principal, id, userId);
  }

  @Put(':userId')
  @ApiOperation({ summary: 'Secretariat: make someone chair, participant or observer (not yourself)' })
  @ZodBody(consultationRoleSchema)
  set(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
    @Body() body: ConsultationRoleInput,
  ) {
    return this.roles.set(principal, id, userId, body.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Secretariat: remove someone’s role; their open connections are re-checked' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
  ) {
    await this.roles.remove(principal, id, userId);
  }
}
