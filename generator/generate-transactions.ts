import { PRODUCTS, buildUsers, cardNumber, ipv4, type CatalogUser } from './catalog.js';
import { DAY_MS, dayTimestamps } from './day-timestamps.js';
import { datasetOptionsSchema, type DatasetOptions } from './dataset-options.js';
import { Prng } from './prng.js';
import { centsToAmount, type ProductLine, type Transaction } from './transaction-schema.js';

export { DEFAULT_DATASET } from './dataset-options.js';
export { generateBlacklist } from './generate-blacklist.js';

// JPY is a small share on purpose: USER_TRANSACTION_SUMMARY_EUR filters it out, so the WHERE
// clause of that table visibly changes its counts.
const CURRENCY_WEIGHTS = [['EUR', 40], ['USD', 25], ['GBP', 15], ['CHF', 12], ['JPY', 8]] as const;
const METHOD_WEIGHTS = [
  ['CREDIT_CARD', 35], ['DEBIT_CARD', 25], ['PAYPAL', 20], ['BANK_TRANSFER', 10], ['APPLE_PAY', 10],
] as const;
const LINE_COUNT_WEIGHTS = [[1, 50], [2, 30], [3, 15], [4, 5]] as const;
const QUANTITY_WEIGHTS = [[1, 70], [2, 20], [3, 10]] as const;

/**
 * Deterministic transactions: the same options always give the same rows. Rows are sorted by
 * timestamp (so topic order is time order) and numbered `tx-000001`… in that order.
 */
export function generateTransactions(opts: DatasetOptions): Transaction[] {
  const { seed, start, days, rowsPerDay } = datasetOptionsSchema.parse(opts);
  const root = new Prng(seed);
  const users = buildUsers(root.fork(1));
  const timePrng = root.fork(2);
  const rowPrng = root.fork(3);
  const startMs = Date.parse(start);

  const transactions: Transaction[] = [];
  for (let day = 0; day < days; day++) {
    for (const timestamp of dayTimestamps(timePrng, startMs + day * DAY_MS, rowsPerDay)) {
      const id = `tx-${String(transactions.length + 1).padStart(6, '0')}`;
      transactions.push(oneTransaction(rowPrng, users, id, timestamp));
    }
  }
  return transactions;
}

function oneTransaction(prng: Prng, users: readonly CatalogUser[], id: string, timestamp: number): Transaction {
  // Skewed towards low user numbers: a few heavy buyers, a long tail, like real shops.
  const user = users[Math.floor(users.length * prng.next() ** 1.6)]!;
  const products = productLines(prng);
  const cents = products.reduce((sum, line) => sum + line.quantity * Math.round(line.unit_price * 100), 0);
  return {
    transaction_id: id,
    user_id: user.user_id,
    amount: centsToAmount(cents),
    currency: prng.weighted(CURRENCY_WEIGHTS),
    payment_method: prng.weighted(METHOD_WEIGHTS),
    // Mostly the user's own card and address, sometimes another (a gift card, a phone on 4G).
    card_number: prng.next() < 0.9 ? user.card_number : cardNumber(prng),
    ip_address: prng.next() < 0.8 ? user.homeIp : ipv4(prng),
    products,
    timestamp,
  };
}

function productLines(prng: Prng): ProductLine[] {
  const wanted = prng.weighted(LINE_COUNT_WEIGHTS);
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(prng.int(0, PRODUCTS.length - 1));
  return [...chosen].map((index) => {
    const product = PRODUCTS[index]!;
    return {
      product_id: product.product_id,
      name: product.name,
      category: product.category,
      quantity: prng.weighted(QUANTITY_WEIGHTS),
      unit_price: centsToAmount(product.priceCents),
    };
  });
}
