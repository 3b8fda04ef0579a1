import { Global, Module } from '@nestjs/common';
import { AccessEventsRelay } from './access-events.relay.js';
import { PolicyService } from './policy.service.js';

@Global()
@Module({ providers: [PolicyService, AccessEventsRelay], exports: [PolicyService] })
export class PolicyModule {}
