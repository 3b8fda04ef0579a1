import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ProposeOrganisationInput,
  type UpdateMemberInput,
  type VerifyOrganisationInput,
  joinOrganisationSchema,
  proposeOrganisationSchema,
  updateMemberSchema,
  verifyOrganisationSchema,
} from '../../../shared/schemas/identity.js';
import { ZodBody } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { OrganisationsService } from './organisations.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'Organisations (signed-in people also see those awaiting verification)' })
  list(@CurrentPrincipal() principal: Principal | null) {
    return this.organisations.list(principal);
  }

  @Post()
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Propose an organisation; it starts unverified and the proposer becomes its admin',
  })
  @ZodBody(proposeOrganisationSchema)
  propose(@CurrentPrincipal() principal: Principal, @Body() body: ProposeOrganisationInput) {
    return this.organisations.propose(principal, body);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Secretariat: verify (or un-verify) an organisation' })
  @ZodBody(verifyOrganisationSchema)
  verify(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: VerifyOrganisationInput,
  ) {
    return this.organisations.setVerified(principal, id, body.verified);
  }

  @Get(':id/members')
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Members of an organisation, with its focal points and admins' })
  members(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.organisations.members(principal, id);
  }

  @Post(':id/members')
  @HttpCode(204)
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Join an organisation yourself (as a member; focal points are appointed)' })
  @ZodBody(joinOrganisationSchema)
  async join(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    await this.organisations.join(principal, id);
  }

  @Patch(':id/members/:userId')
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Secretariat or the organisation’s admin: set focal point / admin' })
  @ZodBody(updateMemberSchema)
  updateMember(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
    @Body() body: UpdateMemberInput,
  ) {
    return this.organisations.updateMember(principal, id, userId, body);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Leave an organisation, or remove a member (secretariat, organisation admin)' })
  async removeMember(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
  ) {
    await this.organisations.removeMember(principal, id, userId);
  }
}
