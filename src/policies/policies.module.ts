import { Module } from '@nestjs/common';
import { ClipService } from '../clip/clip.service';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { EngineModule } from '../engine/engine.module';
import { RecordsModule } from '../records/records.module';
import { RecordsRepository } from '../records/records.repository';
import { Storage } from '../storage/storage';
import { StorageModule } from '../storage/storage.module';
import { bytesToEmbedding } from '../storage/embedding-bytes';
import { exampleResolver, POLICY_RECORD_EMBEDDINGS, RecordEmbeddings } from './example-resolver';
import { PolicyFileSource } from './policy-file-source';
import { POLICY_DOCUMENTS, POLICY_EXAMPLES, PolicyRegistry } from './policy-registry.service';
import { POLICIES_OPTIONS, PoliciesOptions, POLICY_EMBEDDER } from './policy.types';
import { DbPolicyVersionStore } from './versions/policy-versions.repository';
import { JsonlPolicyVersionStore } from './versions/jsonl-version-store';
import { DeferredPolicyAuditSink, POLICY_AUDIT } from './versions/policy-audit';
import { POLICY_VERSION_STORE, PolicyVersionStore } from './versions/policy-version.types';
import { VersionedPolicySource } from './versions/versioned-source';

/**
 * Policy sets: loading, validation, compilation, hot reload, kept versions, example images.
 * Exports the registry and the version store (the authoring API uses them). Imports the engine
 * (ClipService, for prompt embedding), the database (kept versions with POLICY_VERSIONS=db) and the
 * records (example images named by moderation id); uses the global APP_CONFIG.
 */
@Module({
  imports: [StorageModule, EngineModule, RecordsModule],
  providers: [
    PolicyFileSource,
    PolicyRegistry,
    { provide: POLICIES_OPTIONS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => c.policies },
    { provide: POLICY_EMBEDDER, useExisting: ClipService },
    { provide: POLICY_AUDIT, useValue: new DeferredPolicyAuditSink() },
    {
      provide: POLICY_VERSION_STORE,
      inject: [POLICIES_OPTIONS, Storage],
      useFactory: async (o: PoliciesOptions, storage: Storage): Promise<PolicyVersionStore | null> => {
        if (o.versions === 'file' && o.versionsFile) return new JsonlPolicyVersionStore(o.versionsFile);
        if (o.versions === 'db') {
          return new DbPolicyVersionStore(storage.db);
        }
        return null;
      },
    },
    {
      provide: POLICY_DOCUMENTS,
      inject: [POLICY_VERSION_STORE, POLICY_AUDIT],
      useFactory: (store: PolicyVersionStore | null, audit: DeferredPolicyAuditSink) => (store ? new VersionedPolicySource(store, audit) : null),
    },
    {
      provide: POLICY_RECORD_EMBEDDINGS,
      inject: [RecordsRepository],
      useFactory: (records: RecordsRepository): RecordEmbeddings => ({
        async embeddingOf(id: string) {
          const [row] = await records.embeddingsOf([id]);
          return row?.embedding ? bytesToEmbedding(row.embedding) : null;
        },
      }),
    },
    {
      provide: POLICY_EXAMPLES,
      inject: [POLICIES_OPTIONS, PolicyFileSource, ClipService, POLICY_RECORD_EMBEDDINGS],
      useFactory: (o: PoliciesOptions, files: PolicyFileSource, clip: ClipService, records: RecordEmbeddings | null) => exampleResolver(o.dir, files, clip, records),
    },
  ],
  exports: [PolicyRegistry, POLICY_VERSION_STORE, POLICY_AUDIT, PolicyFileSource],
})
export class PoliciesModule {}
