import { multipartModule } from '../common/multipart';
import { Inject, Logger, Module, OnModuleInit, Optional } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuditModule } from '../audit/audit.module';
import { AuditService } from '../audit/audit.service';
import type { AuditEntry } from '../audit/audit.repository';
import { Events } from '../common/events';
import { EngineModule } from '../engine/engine.module';
import { MediaModule } from '../media/media.module';
import { RecordsModule } from '../records/records.module';
import { Storage } from '../storage/storage';
import { StorageModule } from '../storage/storage.module';
import { PolicyHistoryReader } from './authoring/history-reader';
import { PolicyImageScorer } from './authoring/policy-image-scorer';
import { PolicyLabService } from './authoring/policy-lab.service';
import { POLICY_DOCUMENT } from './authoring/request-body';
import { PolicySetsController } from './authoring/policy-sets.controller';
import { PolicySetsService } from './authoring/policy-sets.service';
import { SampleIntake } from './authoring/sample-intake';
import { ShadowStatsService } from './authoring/shadow-stats.service';
import { PoliciesController } from './policies.controller';
import { PoliciesModule } from './policies.module';
import { PolicyRegistry, type ReloadEvent } from './policy-registry.service';
import { DeferredPolicyAuditSink, LogPolicyAuditSink, POLICY_AUDIT } from './versions/policy-audit';

/**
 * Connects the policies feature's audit hook to the audit log (or the app log without one), and records
 * every policy reload (and every rejected one) in the audit log: the arrow runs policies → audit, never back.
 */
class PolicyAuditBinding implements OnModuleInit {
  private readonly log = new Logger('Audit');

  constructor(
    @Inject(POLICY_AUDIT) private readonly sink: DeferredPolicyAuditSink,
    @Inject(PolicyRegistry) private readonly registry: PolicyRegistry,
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

  /** Policy changes are state changes too: every reload (and every rejected one) is recorded. */
  @OnEvent(Events.policiesReloaded)
  async reloaded(e: ReloadEvent): Promise<void> {
    const { audit, storage } = this;
    if (!audit || !storage) return;
    const entry: AuditEntry = e.ok
      ? { actor: 'system', action: 'policy_set.reloaded', entityType: 'policy_set', entityId: e.set.name, before: { version: e.previousVersion }, after: { version: e.version, policies: e.set.policies.map((p) => p.id) } }
      : { actor: 'system', action: 'policy_set.reload_rejected', entityType: 'policy_set', entityId: this.registry.current().name, before: { version: e.keptVersion }, after: { error: e.error } };
    await audit.append(storage.db, entry).catch((err) => this.log.error(`could not audit a policy reload: ${(err as Error).message}`));
  }
}

/** HTTP surface of the policies feature (authoring); the registry itself comes from PoliciesModule. */
@Module({
  imports: [
    StorageModule,
    EngineModule,
    PoliciesModule,
    AuditModule,
    // PolicyHistoryReader reads verdicts and evidence through RecordsRepository.
    RecordsModule,
    MediaModule,
    // Sized for the sample archives of evaluate and calibrate (POLICY_EVAL_MAX_BYTES); preview narrows the file size to its image (PoliciesController).
    multipartModule((c) => ({ fileSize: c.policies.evalMaxBytes, files: 3, fields: 16, fieldSize: POLICY_DOCUMENT.textLimit, parts: 24 })),
  ],
  controllers: [PoliciesController, PolicySetsController],
  providers: [PolicySetsService, PolicyLabService, PolicyImageScorer, PolicyHistoryReader, SampleIntake, ShadowStatsService, PolicyAuditBinding],
})
// Policy documents (YAML text) are read after authentication: @AcceptsBody(POLICY_DOCUMENT) on their routes.
export class PolicyApiModule {}
