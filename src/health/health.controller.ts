import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClipService } from '../clip/clip.service';
import { AppError } from '../common/app-error';
import { Public } from '../common/auth.guard';
import { PolicyRegistry } from '../policies/policy-registry.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly clip: ClipService,
    private readonly registry: PolicyRegistry,
  ) {}

  /** Liveness: the event loop answers. Must stay cheap: it is how we prove inference never blocks it. */
  @Public()
  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the model is loaded and a policy set is compiled. */
  @Public()
  @Get('ready')
  ready() {
    if (!this.clip.isReady()) throw new AppError('not_ready', 'model is not loaded');
    const set = this.registry.current();
    return {
      status: 'ready',
      model: { id: this.clip.model.id, load_ms: Math.round(this.clip.model.loadMs) },
      policy_set: { name: set.name, version: set.version, policies: set.policies.length },
      clip: this.clip.stats(),
    };
  }
}
