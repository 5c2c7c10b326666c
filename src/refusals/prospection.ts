import { RefusalDef } from './define';

/** Prospection: activities, stages, the board, next actions and cadence. */
export const PROSPECTION = {} as const satisfies Record<string, RefusalDef>;
