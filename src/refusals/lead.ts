import { RefusalDef } from './define';

/** Job leads, proposals and matching. */
export const LEAD = {} as const satisfies Record<string, RefusalDef>;
