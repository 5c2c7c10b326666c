import { CodesOf } from '../define';
import { CHECKIN } from '../checkin';

export const CHECKIN_FR: { readonly [C in CodesOf<typeof CHECKIN>]: string } = {};
