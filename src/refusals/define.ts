/**
 * A refusal code and the type of its parameters. The parameters exist only for the compiler: a
 * throw site must give exactly them, and the French catalogue must hold a sentence for the code.
 */
export interface RefusalDef<C extends string = string, P extends object = object> {
  readonly code: C;
  /** Never set: carries the parameters' type. */
  readonly __params?: P;
}

/** Parameters of a code that takes none. */
export type NoParams = Record<never, never>;

/** A code without parameters: `refusal('company.not_found')`. */
export function refusal<C extends string>(code: C): RefusalDef<C, NoParams> {
  return { code };
}

/** A code with parameters: `refusalWith<{ latest: string }>()('placement.pmsmp_too_long')`. */
export function refusalWith<P extends object>() {
  return <C extends string>(code: C): RefusalDef<C, P> => ({ code });
}

/** The codes of one domain's table, as a union. */
export type CodesOf<T extends Record<string, RefusalDef>> = T[keyof T]['code'];
