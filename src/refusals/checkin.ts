import { RefusalDef } from './define';

/** Follow-up check-ins and their answers. */
export const CHECKIN = {} as const satisfies Record<string, RefusalDef>;
