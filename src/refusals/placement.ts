import { RefusalDef } from './define';

/** Placements (contracts and PMSMP). */
export const PLACEMENT = {} as const satisfies Record<string, RefusalDef>;
