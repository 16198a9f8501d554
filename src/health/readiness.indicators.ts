import { Injectable } from '@nestjs/common';
import { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { ClipService } from '../clip/clip.service';
import { AdmissionControl } from '../common/admission';
import { PolicyRegistry } from '../policies/policy-registry.service';
import { BlobStore } from '../records/blob-store';
import { Storage } from '../storage/storage';

/** A check that does I/O is down when it has not answered in this long. */
const IO_TIMEOUT_MS = 3000;

/**
 * What readiness checks: the database takes writes, the model is loaded with a worker alive, a
 * compiled policy set is active, kept images can be written, and the process is not draining.
 * Each one is an I/O edge's own probe; this class only names and times them.
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly storage: Storage,
    private readonly clip: ClipService,
    private readonly registry: PolicyRegistry,
    private readonly blobs: BlobStore,
    private readonly admission: AdmissionControl,
  ) {}

  all(): HealthIndicatorFunction[] {
    return [
      () => this.indicators.check('database').attempt(() => this.storage.probe()).withTimeout(IO_TIMEOUT_MS),
      () => this.model(),
      () => this.policies(),
      () => this.indicators.check('blob_storage').attempt(() => this.blobs.probe()).withTimeout(IO_TIMEOUT_MS),
      () => this.shutdown(),
    ];
  }

  private model() {
    const check = this.indicators.check('model');
    const s = this.clip.stats();
    if (!this.clip.isReady()) return check.down({ message: 'the model is not loaded or no inference worker is alive', workers: s.workers });
    const m = this.clip.model;
    return check.up({ id: m.id, load_ms: Math.round(m.loadMs), workers: s.workers, busy_workers: s.busyWorkers, queue_depth: s.queueDepth });
  }

  private policies() {
    const check = this.indicators.check('policies');
    try {
      const set = this.registry.current();
      return check.up({ name: set.name, version: set.version, policies: set.policies.length });
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }

  private shutdown() {
    const check = this.indicators.check('shutdown');
    return this.admission.isDraining ? check.down({ draining: true, message: 'shutting down: finishing the requests in flight' }) : check.up({ draining: false });
  }
}
