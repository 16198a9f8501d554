/**
 * In-process notifications sent after a commit, through @nestjs/event-emitter (one mechanism for
 * all of them). They never carry work that must commit with a change: that is an explicit call
 * inside the transaction. A listener that fails is logged by the library and cannot fail the emitter.
 */
export const Events = {} as const;
