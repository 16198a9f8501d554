import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import * as fs from 'fs';
import * as os from 'os';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, AppConfig } from '../config/configuration';

/**
 * Runs libvips' decoding threads at a lower CPU priority than the HTTP thread.
 *
 * At saturation the two cores are shared by the HTTP thread, libvips' workers (every upload is
 * decoded and resized there) and the inference threads (already at CLIP_WORKER_NICE). With the
 * decoders at the HTTP thread's priority, a burst of 12-megapixel decodes kept timers and sockets
 * waiting: event-loop p99 28 ms at 4000x3000. At nice 5 the HTTP thread runs first while decoding
 * still outranks inference (docs/performance.md has the A/B).
 *
 * Linux nice values are per thread, and libvips starts its workers on demand (named "libvips
 * worker"), so a cheap scan of /proc/self/task every second renices the ones it has not seen at
 * this value. Elsewhere (no /proc) it does nothing.
 */
@Injectable()
export class DecodePriority implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('DecodePriority');
  private readonly nice: number;
  private readonly rescan = new PeriodicTask<number>({ name: 'renice scan', everyMs: 1000, run: async () => this.scan(), log: this.log });
  /** Where this process's threads are listed (a property so tests can point it elsewhere). */
  taskDir = '/proc/self/task';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.nice = config.media.decodeNice;
  }

  onModuleInit(): void {
    if (!this.nice || !fs.existsSync(this.taskDir)) return;
    this.scan();
    this.rescan.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.rescan.stop();
  }

  /** Renices every libvips thread still below the configured value; returns how many it changed. */
  scan(): number {
    let changed = 0;
    let tids: string[];
    try {
      tids = fs.readdirSync(this.taskDir);
    } catch {
      return 0;
    }
    for (const t of tids) {
      const tid = Number(t);
      try {
        // A thread names itself just after it starts; one read before that is caught next second.
        if (!fs.readFileSync(`${this.taskDir}/${t}/comm`, 'utf8').startsWith('libvips')) continue;
        if (os.getPriority(tid) >= this.nice) continue;
        os.setPriority(tid, this.nice);
        changed++;
      } catch (e) {
        // The thread ended between readdir and here (ENOENT/ESRCH), or raising nice is refused.
        if ((e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EPERM') {
          this.log.warn(`cannot lower the priority of libvips threads: ${(e as Error).message}`);
          this.onModuleDestroy();
          return changed;
        }
      }
    }
    return changed;
  }
}
