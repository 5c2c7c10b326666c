import { RefusalDef } from './define';

/** The journal. */
export const AUDIT = {} as const satisfies Record<string, RefusalDef>;
