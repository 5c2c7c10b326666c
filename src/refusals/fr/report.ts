import { CodesOf } from '../define';
import { REPORT } from '../report';

export const REPORT_FR: { readonly [C in CodesOf<typeof REPORT>]: string } = {};
