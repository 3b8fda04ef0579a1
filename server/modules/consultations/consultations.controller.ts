import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateConsultationInput,
  type OptionInput,
  type ReorderOptionsInput,
  type UpdateConsultationInput,
  type UpdateOptionInput,
  createConsultationSchema,
  optionInputSchema,
  reorderOptionsSchema,
  updateConsultationSchema,
  updateOptionSchema,
} from '../../../shared/schemas/consultations.js';
import { ZodBody } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { ConsultationAccess } from './consultation-access.service.js';
import { ConsultationAdminService } from './consultation-admin.service.js';
import { ConsultationsService } from './consultations.service.js';
import { OptionsService } from './options.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('consultations')
@Controller('consultations')
export class ConsultationsController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly admin: ConsultationAdminService,
    private readonly options: OptionsService,
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Consultations the caller may read (public ones without an account)' })
  list(@CurrentPrincipal() principal: Principal | null) {
    return this.consultations.list(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One consultation with its options and rounds' })
  get(@CurrentPrincipal() principal: Principal | null, @Param('id', uuid) id: string) {
    return this.consultations.get(principal, id);
  }

  @Post()
  @RequireAuth()
  @ZodBody(createConsultationSchema)
  @ApiOperation({ summary: 'Create a consultation (secretariat), optionally with its options and chairs' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateConsultationInput) {
    this.policy.assert(principal, 'consultation.create', {});
    const id = await this.admin.create(principal, body);
    return this.consultations.get(principal, id);
  }

  @Patch(':id')
  @RequireAuth()
  @ZodBody(updateConsultationSchema)
  @ApiOperation({ summary: 'Edit a consultation’s settings or chairs (secretariat)' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateConsultationInput,
  ) {
    await this.access.assert(principal, id, 'consultation.manage');
    await this.admin.update(principal, id, body);
    return this.consultations.get(principal, id);
  }

  @Post(':id/options')
  @RequireAuth()
  @ZodBody(optionInputSchema)
  @ApiOperation({ summary: 'Add an option (only while no round is open)' })
  async addOption(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: OptionInput,
  ) {
    await this.access.assert(principal, id, 'consultation.manage');
    return this.options.add(principal, id, body);
  }

  @Patch(':id/options/:optionId')
  @RequireAuth()
  @ZodBody(updateOptionSchema)
  @ApiOperation({ summary: 'Edit, retire or restore an option (only while no round is open)' })
  async updateOption(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('optionId', uuid) optionId: string,
    @Body() body: UpdateOptionInput,
  ) {
    await this.access.assert(principal, id, 'consultation.manage');
    return this.options.update(principal, id, optionId, body);
  }

  @Put(':id/options/order')
  @RequireAuth()
  @ZodBody(reorderOptionsSchema)
  @ApiOperation({ summary: 'Reorder the options (only while no round is open)' })
  async reorderOptions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ReorderOptionsInput,
  ) {
    await this.access.assert(principal, id, 'consultation.manage');
    return this.options.reorder(principal, id, body);
  }
}
