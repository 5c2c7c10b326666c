import { CodesOf } from '../define';
import { PRIVACY } from '../privacy';

export const PRIVACY_FR: { readonly [C in CodesOf<typeof PRIVACY>]: string } = {};
