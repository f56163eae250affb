import { Prng } from './prng.js';

/**
 * The fixed product catalog and the seeded user population the generator draws from. Products do
 * not depend on the dataset seed, so a product id names the same thing in every dataset.
 */
export interface CatalogProduct {
  product_id: string;
  name: string;
  category: string;
  /** list price in integer cents */
  priceCents: number;
}

export interface CatalogUser {
  user_id: string;
  /** the card the user pays with most of the time */
  card_number: string;
  /** the address most of the user's transactions come from */
  homeIp: string;
}

export const PRODUCT_COUNT = 50;
export const USER_COUNT = 200;

const NOUNS: Readonly<Record<string, readonly string[]>> = {
  electronics: ['Keyboard', 'Mouse', 'Monitor', 'Headphones', 'Webcam', 'Charger', 'Speaker'],
  books: ['Novel', 'Cookbook', 'Atlas', 'Biography', 'Poetry Collection', 'Travel Guide', 'Comic'],
  clothing: ['T-Shirt', 'Hoodie', 'Jacket', 'Scarf', 'Sneakers', 'Cap', 'Socks'],
  home: ['Lamp', 'Mug', 'Cushion', 'Blanket', 'Vase', 'Frying Pan', 'Clock'],
  sports: ['Yoga Mat', 'Water Bottle', 'Dumbbell', 'Tennis Racket', 'Bike Helmet', 'Jump Rope', 'Ball'],
  toys: ['Puzzle', 'Building Blocks', 'Kite', 'Board Game', 'Plush Bear', 'Toy Car', 'Yo-Yo'],
  grocery: ['Coffee Beans', 'Green Tea', 'Olive Oil', 'Dark Chocolate', 'Honey', 'Pasta', 'Granola'],
  beauty: ['Shampoo', 'Face Cream', 'Lip Balm', 'Perfume', 'Soap Bar', 'Sunscreen', 'Hand Lotion'],
};
const CATEGORIES = Object.keys(NOUNS);
const ADJECTIVES = ['Classic', 'Compact', 'Deluxe', 'Eco', 'Premium', 'Smart', 'Vintage', 'Ultra', 'Mini', 'Pro', 'Organic'];
// Price ranges per category in cents, so a coffee is not priced like a monitor.
const PRICE_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  electronics: [1999, 34999], books: [799, 4999], clothing: [999, 12999], home: [499, 8999],
  sports: [599, 15999], toys: [399, 6999], grocery: [199, 2999], beauty: [299, 9999],
};
const CATALOG_SEED = 20_261_124;

/** The 50 products, `p-001` … `p-050`, identical for every dataset seed. */
export const PRODUCTS: readonly CatalogProduct[] = buildProducts();

function buildProducts(): CatalogProduct[] {
  const prng = new Prng(CATALOG_SEED);
  return Array.from({ length: PRODUCT_COUNT }, (_, i) => {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    // (category, i / 8) is unique for i < 56, so names never repeat.
    const noun = NOUNS[category]![Math.floor(i / CATEGORIES.length)]!;
    const [low, high] = PRICE_RANGE[category]!;
    return {
      product_id: `p-${String(i + 1).padStart(3, '0')}`,
      name: `${ADJECTIVES[(i * 7) % ADJECTIVES.length]} ${noun}`,
      category,
      priceCents: prng.int(low, high),
    };
  });
}

/** The user population for one dataset seed: `user-1` … `user-200`, each with a card and a home IP. */
export function buildUsers(prng: Prng): CatalogUser[] {
  return Array.from({ length: USER_COUNT }, (_, i) => ({
    user_id: `user-${i + 1}`,
    card_number: cardNumber(prng),
    homeIp: ipv4(prng),
  }));
}

export function cardNumber(prng: Prng): string {
  const group = () => String(prng.int(0, 9999)).padStart(4, '0');
  // Visa, Mastercard and Discover-like prefixes; all four-digit groups, like `4111-1111-1111-1234`.
  const prefix = prng.pick(['4111', '4532', '5500', '5105', '6011']);
  return `${prefix}-${group()}-${group()}-${group()}`;
}

export function ipv4(prng: Prng): string {
  return `${prng.int(1, 223)}.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
}
