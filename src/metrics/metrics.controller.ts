import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Public('metrics')
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Text exposition format 0.0.4. Public by default; METRICS_ACCESS=key puts it behind any valid API key.',
  })
  @ApiOkResponse({
    description: 'Every metric with its HELP and TYPE lines',
    content: { 'text/plain': { schema: { type: 'string', example: '# HELP clipguard_moderations_total Moderations answered\n# TYPE clipguard_moderations_total counter\n' } } },
  })
  @ApiErrors('unauthorized')
  render(): Promise<string> {
    return this.metrics.render();
  }
}
