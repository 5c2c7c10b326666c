import { RefusalDef } from './define';

/** Reports, the dashboard and targets. */
export const REPORT = {} as const satisfies Record<string, RefusalDef>;
