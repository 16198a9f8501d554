import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { MediaModule } from '../media/media.module';
import { Storage } from '../storage/storage';
import { PolicyHistoryReader } from './authoring/history-reader';
import { PolicyImageScorer } from './authoring/policy-image-scorer';
import { PolicyLabService } from './authoring/policy-lab.service';
import { PolicySetsController } from './authoring/policy-sets.controller';
import { PolicySetsService } from './authoring/policy-sets.service';
import { SampleIntake } from './authoring/sample-intake';
import { ShadowStatsService } from './authoring/shadow-stats.service';
import { PoliciesController } from './policies.controller';
import { DeferredPolicyAuditSink, LogPolicyAuditSink, POLICY_AUDIT } from './versions/policy-audit';

/** Connects the policies feature's audit hook to the audit log (or the app log without one). */
class PolicyAuditBinding implements OnModuleInit {
  constructor(
    @Inject(POLICY_AUDIT) private readonly sink: DeferredPolicyAuditSink,
    @Optional() private readonly audit?: AuditService,
    @Optional() private readonly storage?: Storage,
  ) {}

  async onModuleInit(): Promise<void> {
    const { audit, storage } = this;
    if (!audit || !storage) return this.sink.bind(new LogPolicyAuditSink());
    await this.sink.bind({
      record: (e, exec) =>
        audit.append((exec as Parameters<AuditService['append']>[0]) ?? storage.db, {
          actor: e.actor,
          action: e.action,
          entityType: 'policy_set',
          entityId: e.entityId,
          before: e.before,
          after: e.after,
          requestId: e.requestId ?? undefined,
        }),
    });
  }
}

/** HTTP surface of the policies feature (authoring); the registry itself comes from the global CoreModule. */
@Module({
  imports: [
    MediaModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: Math.max(c.policies.evalMaxBytes, c.media.maxBytes), files: 3, fields: 16, fieldSize: 2 * 1024 * 1024, parts: 24 },
      }),
    }),
  ],
  controllers: [PoliciesController, PolicySetsController],
  providers: [PolicySetsService, PolicyLabService, PolicyImageScorer, PolicyHistoryReader, SampleIntake, ShadowStatsService, PolicyAuditBinding],
})
// Policy documents (YAML text) are read after authentication: @AcceptsBody(POLICY_DOCUMENT) on their routes.
export class PolicyApiModule {}
