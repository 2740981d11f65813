/** The value a test expects to be there (a regex group, a map entry, a found row); throws, naming it, if it is not. */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`Expected ${what} to be present`);
  return value;
}
