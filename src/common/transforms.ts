/** class-transformer `@Transform` that trims strings and leaves anything else to the validators. */
export const trimString = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
