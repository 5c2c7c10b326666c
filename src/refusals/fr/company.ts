import { CodesOf } from '../define';
import { COMPANY } from '../company';

export const COMPANY_FR: { readonly [C in CodesOf<typeof COMPANY>]: string } = {};
