import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { loginSchema } from '../../../shared/schemas/auth.js';
import { parseOrThrow } from '../../common/zod-validation.js';
import type { User } from '../users/user.entity.js';
import { AuthService } from './auth.service.js';

/** Email and password sign-in. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  async validate(email: string, password: string): Promise<User> {
    const input = parseOrThrow(loginSchema, { email, password });
    return this.auth.checkCredentials(input.email, input.password);
  }
}
