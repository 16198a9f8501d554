import { Injectable } from '@nestjs/common';

/** The one source of "now" for leases, retention and audit times; tests move it instead of sleeping. */
@Injectable()
export class Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  /** Test hook: shift time forward. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
