import { RefusalDef } from './define';

/** Companies and their contacts. */
export const COMPANY = {} as const satisfies Record<string, RefusalDef>;
