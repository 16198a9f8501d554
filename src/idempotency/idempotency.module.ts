import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** Stored answers to requests sent with an Idempotency-Key (used by intake and jobs). */
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
