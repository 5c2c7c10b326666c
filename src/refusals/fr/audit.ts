import { CodesOf } from '../define';
import { AUDIT } from '../audit';

export const AUDIT_FR: { readonly [C in CodesOf<typeof AUDIT>]: string } = {};
