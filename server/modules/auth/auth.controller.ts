import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  type ChangePasswordInput,
  type RegisterInput,
  changePasswordSchema,
  loginSchema,
  refreshSchema,
  registerSchema,
} from '../../../shared/schemas/auth.js';
import { DomainError, unauthenticated } from '../../common/errors.js';
import { ZodBody } from '../../common/zod-validation.js';
import type { Principal } from '../policy/principal.js';
import type { User } from '../users/user.entity.js';
import { AuthService, RefreshRaced, toMeView } from './auth.service.js';
import { CurrentPrincipal, IssuesCredentials, LocalAuthGuard, RequireAuth } from './auth.guards.js';
import { clientAddress, LoginThrottle } from './login-throttle.js';
import { REFRESH_COOKIE } from './principal.resolver.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post('auth/register')
  @IssuesCredentials()
  @ApiOperation({ summary: 'Create an account (open to every stakeholder, members and non-members alike)' })
  @ZodBody(registerSchema)
  async register(
    @Body() body: RegisterInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const tokens = await this.throttle.limitRegistration(clientAddress(req), () =>
      this.auth.register(body, req.headers['user-agent']),
    );
    await this.auth.endSessionOf(req.cookies?.[REFRESH_COOKIE] as string | undefined);
    setSessionCookies(req, res, tokens);
    return tokens;
  }

  @Post('auth/login')
  @IssuesCredentials()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; answers with an access token usable as Authorization: Bearer' })
  @ZodBody(loginSchema)
  @UseGuards(LocalAuthGuard)
  async login(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const tokens = await this.auth.startSession(req.user as User, req.headers['user-agent']);
    // The session this browser held before, if any, ends: one browser, one session.
    await this.auth.endSessionOf(req.cookies?.[REFRESH_COOKIE] as string | undefined);
    setSessionCookies(req, res, tokens);
    return tokens;
  }

  @Post('auth/refresh')
  @IssuesCredentials()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token (body or cookie) for new tokens; each refresh token works once',
  })
  @ZodBody(refreshSchema)
  async refresh(
    @Body() body: { refreshToken?: string },
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const fromCookie = !body.refreshToken;
    const token = body.refreshToken ?? (req.cookies?.[REFRESH_COOKIE] as string | undefined);
    try {
      if (!token) throw unauthenticated('No refresh token was given');
      const tokens = await this.auth.refresh(token);
      setSessionCookies(req, res, tokens);
      return tokens;
    } catch (err) {
      // The browser's session is over (ended, expired, replayed, or its cookie gone): it forgets the cookies and
      // the hint, so its pages stop asking. Not when another tab has just refreshed: the session lives on, and
      // clearing here would wipe the new cookies that tab was given.
      const over = err instanceof DomainError && err.getStatus() === 401 && !(err instanceof RefreshRaced);
      if (fromCookie && over) clearSessionCookies(req, res);
      throw err;
    }
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session everywhere it is used (HTTP, sockets)' })
  async logout(
    @CurrentPrincipal() principal: Principal | null,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const refreshToken = req.cookies?.[REFRESH_COOKIE] as string | undefined;
    if (principal) await this.auth.logout(principal.sessionId, principal.userId);
    // A browser back after its short-lived access cookie lapsed signs out with the refresh cookie alone:
    // that session must end too, not live on for its thirty days.
    else if (refreshToken) await this.auth.endSessionOf(refreshToken);
    else throw unauthenticated();
    clearSessionCookies(req, res);
  }

  @Post('auth/password')
  @HttpCode(204)
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; ends every other session of the account' })
  @ZodBody(changePasswordSchema)
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordInput) {
    await this.auth.changePassword(principal.userId, principal.sessionId, body);
  }

  @Get('me')
  @RequireAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in account, its organisation and profile' })
  async me(@CurrentPrincipal() principal: Principal) {
    return toMeView(await this.auth.loadUser(principal.userId));
  }
}
