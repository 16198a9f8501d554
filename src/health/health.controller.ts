import { Controller, Get, HttpCode, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../common/auth.guard';
import { LivenessResponse, NOT_READY_EXAMPLE, READY_EXAMPLE, ReadinessResponse } from './health.responses';
import { ReadinessIndicators } from './readiness.indicators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  /** Liveness: the event loop answers. Must stay cheap (no I/O): it is how we prove inference never blocks it. */
  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers (no I/O; restart the process when this fails)' })
  @ApiOkResponse({ type: LivenessResponse, description: 'Alive' })
  live() {
    return this.health.check([]);
  }

  /** Readiness: send traffic here? 503 with the same shape, failing checks under `error`. */
  @Public()
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: database writable or reachable, model loaded with a worker alive, policy set compiled, blob folder writable, not shutting down' })
  @ApiOkResponse({ type: ReadinessResponse, description: 'Every check is up', example: READY_EXAMPLE })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'At least one check is down (listed under error)', example: NOT_READY_EXAMPLE })
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check(this.readiness.all());
    } catch (e) {
      // Terminus answers 503 with its result; the body keeps that shape rather than the error vocabulary's.
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503);
      return e.getResponse();
    }
  }
}
