import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { StorageModule } from '../storage/storage.module';

/** The append-only audit log and GET /v1/audit. The lowest feature module: it imports none of the others. */
@Module({
  imports: [StorageModule],
  providers: [AuditRepository, AuditService],
  controllers: [AuditController],
  exports: [AuditService],
})
export class AuditModule {}
