import { RefusalDef } from './define';

/** Candidates: their record, path and exit. */
export const CANDIDATE = {} as const satisfies Record<string, RefusalDef>;
