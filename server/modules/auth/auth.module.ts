import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config.service.js';
import { PolicyModule } from '../policy/policy.module.js';
import { AuthController } from './auth.controller.js';
import { PrincipalGuard } from './auth.guards.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LocalStrategy } from './local.strategy.js';
import { LoginThrottle } from './login-throttle.js';
import { PrincipalResolver } from './principal.resolver.js';

@Global()
@Module({
  imports: [
    PassportModule,
    PolicyModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtKey, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    PrincipalResolver,
    JwtStrategy,
    LocalStrategy,
    LoginThrottle,
    { provide: APP_GUARD, useClass: PrincipalGuard },
  ],
  exports: [AuthService, PrincipalResolver, PolicyModule],
})
export class AuthModule {}
