import { PRODUCTS, cardNumber, ipv4, type CatalogUser } from './catalog.js';
import type { Prng } from './prng.js';
import { centsToAmount, type ProductLine, type Transaction } from './transaction-schema.js';

// JPY is a small share on purpose: USER_TRANSACTION_SUMMARY_EUR filters it out, so the WHERE
// clause of that table visibly changes its counts.
const CURRENCY_WEIGHTS = [['EUR', 40], ['USD', 25], ['GBP', 15], ['CHF', 12], ['JPY', 8]] as const;
const METHOD_WEIGHTS = [
  ['CREDIT_CARD', 35], ['DEBIT_CARD', 25], ['PAYPAL', 20], ['BANK_TRANSFER', 10], ['APPLE_PAY', 10],
] as const;
const LINE_COUNT_WEIGHTS = [[1, 50], [2, 30], [3, 15], [4, 5]] as const;
const QUANTITY_WEIGHTS = [[1, 70], [2, 20], [3, 10]] as const;

/** `tx-000001` for offset 0: ids number the generated rows in offset (time) order. */
export function transactionId(offset: number): string {
  return `tx-${String(offset + 1).padStart(6, '0')}`;
}

/**
 * One transaction's content, drawn from `prng`. The draws depend on neither the id nor the
 * timestamp, so a caller may advance `prng` past a row by drawing it with placeholders.
 */
export function drawTransaction(prng: Prng, users: readonly CatalogUser[], id: string, timestamp: number): Transaction {
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
