import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeys } from '../common/api-keys';
import { AppError } from '../common/app-error';
import { Public } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { cookieValue, Session, SESSION_COOKIE, Sessions } from '../common/sessions';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { SessionView, SignInDto } from './dto/session.dto';

/** Roles that may use the dashboard; an ingest-only key has nothing to do there. */
const DASHBOARD_ROLES = ['moderator', 'policy-admin', 'admin'];
/** Sent by the dashboard on sign-in: a cross-site form cannot set it, so no one signs a browser in behind its back. */
const SIGN_IN_HEADER = 'x-requested-with';

const view = (s: Session): SessionView => ({ name: s.caller.name, roles: s.caller.roles, csrf_token: s.csrfToken, expires_at: new Date(s.expiresAt).toISOString() });

/**
 * Sign-in, the current session, sign-out: the dashboard exchanges an API key for a session cookie
 * (src/common/sessions.ts). Its path follows UI_PATH (UiModule sets it before routes are resolved).
 * These routes are public to the guard and check credentials themselves.
 */
@ApiTags('dashboard')
@Controller('ui/api/session')
export class UiSessionController {
  private readonly enabled: boolean;

  constructor(
    private readonly keys: ApiKeys,
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.enabled = config.ui.enabled;
  }

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: 'Sign in with an API key (header X-Requested-With required): sets an HttpOnly SameSite=Strict session cookie; 403 for an ingest-only key' })
  @ApiCreatedResponse({ type: SessionView })
  @ApiErrors('invalid_parameter', 'unauthorized', 'forbidden', 'csrf_token_invalid')
  signIn(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: SignInDto): SessionView {
    this.mustBeEnabled();
    if (!req.header(SIGN_IN_HEADER)) throw new AppError('csrf_token_invalid', `sign-in needs the ${SIGN_IN_HEADER} header (sent by the dashboard)`);
    const caller = this.keys.authenticate((n) => (n === 'x-api-key' ? body.apiKey : undefined));
    if (!caller.roles.some((r) => DASHBOARD_ROLES.includes(r))) {
      throw new AppError('forbidden', 'this API key cannot sign in to the dashboard: it needs the moderator, policy-admin or admin role');
    }
    this.sessions.close(cookieValue(req.header('cookie'), SESSION_COOKIE));
    const { id, session } = this.sessions.open(caller);
    res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: isHttps(req), path: '/', maxAge: this.sessions.ttlSeconds * 1000 });
    res.setHeader('Cache-Control', 'no-store');
    return view(session);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'The session the cookie names (401 when none is live): who, roles, CSRF token, expiry' })
  @ApiOkResponse({ type: SessionView })
  @ApiErrors('unauthorized')
  current(@Req() req: Request, @Res({ passthrough: true }) res: Response): SessionView {
    this.mustBeEnabled();
    const s = this.sessions.find(cookieValue(req.header('cookie'), SESSION_COOKIE));
    if (!s) throw new AppError('unauthorized', 'not signed in to the dashboard');
    res.setHeader('Cache-Control', 'no-store');
    return view(s);
  }

  @Delete()
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Sign out (X-CSRF-Token required): ends the session and clears the cookie' })
  @ApiNoContentResponse()
  @ApiErrors('csrf_token_invalid', 'unauthorized')
  signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    this.mustBeEnabled();
    const id = cookieValue(req.header('cookie'), SESSION_COOKIE);
    if (id !== undefined && this.sessions.find(id)) {
      this.sessions.authenticate(req); // checks the CSRF header
      this.sessions.close(id);
    }
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: isHttps(req), path: '/' });
  }

  private mustBeEnabled(): void {
    if (!this.enabled) throw new AppError('not_found', 'the dashboard is turned off (UI_ENABLED=false)');
  }
}

/** Secure cookies when the browser talks HTTPS: directly, or through a proxy that says so. */
function isHttps(req: Request): boolean {
  return req.secure || req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}
