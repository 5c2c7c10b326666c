import { RefusalDef } from './define';

/** Pitch scripts. */
export const PITCH = {} as const satisfies Record<string, RefusalDef>;
