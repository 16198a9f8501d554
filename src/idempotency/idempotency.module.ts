import { Module } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';
import { StorageModule } from '../storage/storage.module';

/** Stored answers to requests sent with an Idempotency-Key (used by intake and jobs). */
@Module({
  imports: [StorageModule], providers: [IdempotencyService, IdempotencyRepository], exports: [IdempotencyService] })
export class IdempotencyModule {}
