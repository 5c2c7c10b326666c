import { CodesOf } from '../define';
import { PITCH } from '../pitch';

export const PITCH_FR: { readonly [C in CodesOf<typeof PITCH>]: string } = {};
