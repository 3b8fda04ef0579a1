import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { ConsultationsService } from './consultations.service.js';

@ApiTags('consultations')
@Controller('consultations')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get()
  @ApiOperation({ summary: 'Consultations the caller may read (public ones without an account)' })
  list(@CurrentPrincipal() principal: Principal | null) {
    return this.consultations.list(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One consultation with its options and rounds' })
  get(@CurrentPrincipal() principal: Principal | null, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.consultations.get(principal, id);
  }
}
