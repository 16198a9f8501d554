import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ClipService } from '../src/clip/clip.service';
import { PolicyRegistry } from '../src/policies/policy-registry.service';
import { bootApp } from './helpers/app';

/**
 * The Nest module graph of the real app (docs/architecture.md, "Nest modules: imports show the graph"):
 * no feature module is global, the imports have no cycle, and the engine and the policy registry exist once.
 */
describe('module graph (real app)', () => {
  let app: INestApplication;
  let modules: { name: string; global: boolean; imports: string[]; provides: (token: unknown) => boolean }[];

  beforeAll(async () => {
    app = await bootApp();
    modules = [...app.get(ModulesContainer).values()].map((m) => ({
      name: m.metatype.name,
      global: m.isGlobal,
      imports: [...m.imports].filter(Boolean).map((i) => i.metatype.name),
      provides: (token: unknown) => m.providers.has(token as never),
    }));
  });
  afterAll(() => app.close());

  it('only the configuration is global', () => {
    const ours = new Set(modules.map((m) => m.name).filter((n) => n.endsWith('Module')));
    const globals = modules.filter((m) => m.global).map((m) => m.name);
    // Nest's own InternalCoreModule, nestjs-pino's LoggerModule and @nestjs/event-emitter's module declare themselves global.
    expect(globals.filter((n) => !['InternalCoreModule', 'LoggerModule', 'EventEmitterModule'].includes(n)).sort()).toEqual(['ConfigModule']);
    for (const feature of ['AuditModule', 'FetchModule', 'WebhooksModule', 'IdempotencyModule', 'JobsModule', 'RecordsModule', 'EngineMetricsModule', 'ReliabilityModule', 'ClipModule', 'ModerationModule']) {
      expect({ feature, present: ours.has(feature) }).toEqual({ feature, present: true });
    }
  });

  it('module imports have no cycle: intake → jobs → moderation, jobs → records → audit', () => {
    // Nest adds every global module to every module's imports: those edges are left out.
    const globals = new Set(modules.filter((m) => m.global).map((m) => m.name));
    const byName = new Map(modules.map((m) => [m.name, { ...m, imports: m.imports.filter((i) => !globals.has(i)) }]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (name: string, path: string[]) => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'open') return void cycles.push([...path.slice(path.indexOf(name)), name].join(' → '));
      state.set(name, 'open');
      for (const i of byName.get(name)?.imports ?? []) visit(i, [...path, name]);
      state.set(name, 'done');
    };
    for (const m of modules) visit(m.name, []);
    expect(cycles).toEqual([]);
    const imports = (n: string) => byName.get(n)?.imports ?? [];
    expect(imports('IntakeModule')).toContain('BatchIntakeModule');
    expect(imports('BatchIntakeModule')).toContain('JobsModule');
    expect(imports('JobsModule')).toContain('ModerationModule');
    // Moderation writes nothing itself: its caller's commit (ModerationCommit, in jobs) writes the record.
    expect(imports('JobsModule')).toContain('RecordsModule');
    expect(imports('ModerationModule')).not.toContain('RecordsModule');
    expect(imports('RecordsModule')).toContain('AuditModule');
    // The outbox (OutboxService, in WebhooksModule) is below every module that emits events.
    for (const m of ['JobsModule', 'BanksModule', 'ReviewsModule']) expect({ m, webhooks: imports(m).includes('WebhooksModule') }).toEqual({ m, webhooks: true });
    expect(imports('WebhooksModule').filter((i) => ['JobsModule', 'BanksModule', 'ReviewsModule', 'ModerationModule'].includes(i))).toEqual([]);
    // Neither the database nor the metrics are global: every module whose providers use them says so.
    for (const m of ['BatchIntakeModule', 'JobsModule', 'ModerationModule', 'SearchModule', 'WebhooksModule', 'EngineMetricsModule']) expect({ m, metrics: imports(m).includes('MetricsModule') }).toEqual({ m, metrics: true });
    expect(imports('MetricsModule')).toContain('ReliabilityModule');
    expect(imports('ReliabilityModule')).not.toContain('MetricsModule');
    for (const m of ['AuditModule', 'RecordsModule', 'JobsModule', 'ReviewsModule', 'BanksModule', 'WebhooksModule', 'PoliciesModule', 'PolicyApiModule']) expect({ m, storage: imports(m).includes('StorageModule') }).toEqual({ m, storage: true });
  });

  it('the engine and the policy registry are single instances, however many modules import them', () => {
    expect(modules.filter((m) => m.provides(ClipService)).map((m) => m.name)).toEqual(['ClipModule']);
    expect(modules.filter((m) => m.provides(PolicyRegistry)).map((m) => m.name)).toEqual(['PoliciesModule']);
  });
});
