import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors.js';
import { decide, type Action, type PolicyContext } from './policy.js';
import type { Principal } from './principal.js';

/** Answers the policy and turns a refusal into the error every transport sends. */
@Injectable()
export class PolicyService {
  can(principal: Principal | null, action: Action, ctx: PolicyContext): boolean {
    return decide(principal, action, ctx).allowed;
  }

  /** Throws the 401/403/409 the policy answers; returns nothing when allowed. */
  assert(principal: Principal | null, action: Action, ctx: PolicyContext): void {
    const d = decide(principal, action, ctx);
    if (!d.allowed) throw new DomainError(d.status, d.code, d.message);
  }
}
