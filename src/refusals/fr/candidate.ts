import { CodesOf } from '../define';
import { CANDIDATE } from '../candidate';

export const CANDIDATE_FR: { readonly [C in CodesOf<typeof CANDIDATE>]: string } = {};
