import { EventEmitter } from 'eventemitter3';
import type { MissCounterState } from './reduce.js';

/** Typed events of MissCounter. */
export interface MissCounterEvents {
  missed: [counts: MissCounterState & { messageId: string }];
  answered: [counts: MissCounterState & { messageId: string }];
  threshold: [counts: MissCounterState & { messageId: string; threshold: number }];
}

/** Options of MissCounter. */
export interface MissCounterOptions {
  readonly threshold?: number;
  readonly initial?: MissCounterState;
}

/** Stateful shell around reduceMissCounters. */
export class MissCounter extends EventEmitter<MissCounterEvents> {
  constructor(_options: MissCounterOptions = {}) {
    super();
  }
  get state(): MissCounterState {
    throw new Error("not implemented yet");
  }
  missed(_messageId: string): MissCounterState {
    throw new Error("not implemented yet");
  }
  turnEnded(_messageId: string): MissCounterState {
    throw new Error("not implemented yet");
  }
}
