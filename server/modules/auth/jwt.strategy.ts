import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config.service.js';
import type { Principal } from '../policy/principal.js';
import {
  ACCESS_TOKEN_AUDIENCE,
  type AccessTokenPayload,
  PrincipalResolver,
  TOKEN_ISSUER,
} from './principal.resolver.js';

export function allowedOrigins(config: AppConfig): string[] {
  const url = config.get('PUBLIC_URL');
  return url ? [new URL(url).origin] : [];
}

/** Bearer token or same-origin session cookie, verified as HS256, then checked against its session row. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly principals: PrincipalResolver,
    config: AppConfig,
  ) {
    const origins = allowedOrigins(config);
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        (req: Request) => {
          try {
            return principals.credentialOf(req, origins) ?? null;
          } catch {
            return null;
          }
        },
      ]),
      // jsonwebtoken takes the key object (see AppConfig.jwtKey); passport-jwt's types only list strings.
      secretOrKey: config.jwtKey as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
  }

  async validate(payload: AccessTokenPayload): Promise<Principal> {
    return this.principals.fromSession(payload.sid, payload.sub);
  }
}
