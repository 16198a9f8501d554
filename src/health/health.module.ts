import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** ClipService and PolicyRegistry come from the global CoreModule. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
