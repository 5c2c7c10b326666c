import { RefusalDef } from './define';

/** Personal data: exports, erasure, retention. */
export const PRIVACY = {} as const satisfies Record<string, RefusalDef>;
