import { Inject, MiddlewareConsumer, Module, NestModule, OnModuleInit, Optional, RequestMethod } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import express from 'express';
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
import { YAML_TYPES } from './authoring/request-body';
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
export class PolicyApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Policy documents are YAML: accept them as text on the routes that take a document.
    consumer
      .apply(express.text({ type: YAML_TYPES, limit: '2mb' }))
      .forRoutes({ path: 'v1/policy-sets/:name', method: RequestMethod.PUT }, { path: 'v1/policies/validate', method: RequestMethod.POST });
  }
}
