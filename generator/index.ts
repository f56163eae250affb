export { DEFAULT_DATASET, datasetOptionsSchema, type DatasetOptions } from './dataset-options.js';
export { GeneratedDays, generateTransactions } from './generated-days.js';
export { LiveTransactions } from './live-transactions.js';
export { generateBlacklist } from './generate-blacklist.js';
export {
  transactionSchema, blacklistEntrySchema, productLineSchema, CURRENCIES, PAYMENT_METHODS,
  type Transaction, type BlacklistEntry, type ProductLine,
} from './transaction-schema.js';
export { PRODUCTS, USER_COUNT, PRODUCT_COUNT } from './catalog.js';
