import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ProfileInput, profileSchema } from '../../../shared/schemas/auth.js';
import {
  type UpdateUserInput,
  listUsersQuerySchema,
  updateUserSchema,
} from '../../../shared/schemas/identity.js';
import { ZodBody, ZodQuery } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@RequireAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Patch('me')
  @ApiOperation({
    summary: 'Update your profile: name and personal-capacity group, membership, country, region',
  })
  @ZodBody(profileSchema)
  updateProfile(@CurrentPrincipal() principal: Principal, @Body() body: ProfileInput) {
    return this.users.updateProfile(principal, body);
  }

  @Get('users')
  @ApiOperation({ summary: 'Admin and secretariat: find accounts by name or email' })
  @ZodQuery(listUsersQuerySchema)
  list(@CurrentPrincipal() principal: Principal, @Query() query: { q?: string }) {
    return this.users.list(principal, query.q);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Admin: set an account’s platform role or disable it (takes effect at once)' })
  @ZodBody(updateUserSchema)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserInput,
  ) {
    return this.users.update(principal, id, body);
  }
}
