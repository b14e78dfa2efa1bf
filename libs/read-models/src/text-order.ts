/**
 * Text order of the views (unit ids, dates): `a.localeCompare(b)` exactly — which compares with a
 * default `Intl.Collator` — but with one collator made once instead of one per comparison, which
 * is what made sorting 10,000 unit ids cost tens of milliseconds.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;
