import { data, publishDate } from 'currency-codes';

/**
 * ISO 4217 currencies and their minor units, from the `currency-codes` package
 * (MIT), which ingests ISO 4217 List One (the maintenance agency's published
 * list; the package exposes its date as `publishDate`). The runtime's ICU data
 * is not used: it follows CLDR, which differs from ISO 4217 where usage differs
 * from the standard (CLDR gives HUF and IQD 0 decimals; ISO 4217 gives 2 and 3).
 */
const MINOR_UNITS: ReadonlyMap<string, number> = new Map(data.map((currency) => [currency.code, currency.digits]));

/** Date of the ISO 4217 list the table follows. */
export const ISO_4217_LIST_DATE = publishDate;

/** Minor-unit decimals of an ISO 4217 currency code (upper case), or undefined for any other string. */
export function minorUnitsOf(code: string): number | undefined {
  return MINOR_UNITS.get(code);
}
