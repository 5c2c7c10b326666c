import { CodesOf } from '../define';
import { LEAD } from '../lead';

export const LEAD_FR: { readonly [C in CodesOf<typeof LEAD>]: string } = {};
