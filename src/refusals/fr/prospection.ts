import { CodesOf } from '../define';
import { PROSPECTION } from '../prospection';

export const PROSPECTION_FR: { readonly [C in CodesOf<typeof PROSPECTION>]: string } = {};
