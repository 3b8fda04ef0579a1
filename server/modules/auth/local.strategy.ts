import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { loginSchema } from '../../../shared/schemas/auth.js';
import { parseOrThrow } from '../../common/zod-validation.js';
import type { User } from '../users/user.entity.js';
import { AuthService } from './auth.service.js';
import { clientAddress, LoginThrottle } from './login-throttle.js';

/** Email and password sign-in, throttled per account and per client address. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<User> {
    const input = parseOrThrow(loginSchema, { email, password });
    const address = clientAddress(req);
    await this.throttle.assertAllowed(input.email, address);
    try {
      const user = await this.auth.checkCredentials(input.email, input.password);
      await this.throttle.recordSuccess(input.email, address);
      return user;
    } catch (err) {
      await this.throttle.recordFailure(input.email, address);
      throw err;
    }
  }
}
