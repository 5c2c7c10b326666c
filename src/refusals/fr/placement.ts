import { CodesOf } from '../define';
import { PLACEMENT } from '../placement';

export const PLACEMENT_FR: { readonly [C in CodesOf<typeof PLACEMENT>]: string } = {};
