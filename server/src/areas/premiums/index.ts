/**
 * The 賦課 (premiums) area. So far only the codec of the pension-withholding files (docs/sources/interfaces.md §2);
 * routes, schema and services come with the business-area work.
 */
export * from './pension-withholding'
