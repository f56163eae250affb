/**
 * ksqlDB SQL types as a tree, parsed from the strings ksqlDB sends in `columnTypes`
 * (`ARRAY<STRUCT<\`F1\` STRING>>`, `DECIMAL(10, 2)`) or from DESCRIBE's schema objects.
 * The lake derives DuckDB types and per-value checks from this tree, so both ends agree on one model.
 */
export type KsqlScalarName =
  | 'STRING'
  | 'INTEGER'
  | 'BIGINT'
  | 'DOUBLE'
  | 'BOOLEAN'
  | 'BYTES'
  | 'TIMESTAMP'
  | 'DATE'
  | 'TIME';

export type KsqlType =
  | { kind: 'scalar'; name: KsqlScalarName }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'array'; element: KsqlType }
  | { kind: 'map'; key: KsqlType; value: KsqlType }
  | { kind: 'struct'; fields: Array<{ name: string; type: KsqlType }> };

export class KsqlTypeParseError extends Error {
  override name = 'KsqlTypeParseError';
}

const SCALARS: ReadonlySet<string> = new Set([
  'STRING', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'BYTES', 'TIMESTAMP', 'DATE', 'TIME',
]);
// Names ksqlDB accepts in DDL but never sends back: normalise them so either spelling parses.
const ALIASES: Readonly<Record<string, KsqlScalarName>> = { VARCHAR: 'STRING', INT: 'INTEGER' };

/** Parses one ksqlDB type string, e.g. ``MAP<STRING, STRUCT<`F1` DECIMAL(4, 2)>>``. */
export function parseKsqlType(text: string): KsqlType {
  const parser = new TypeParser(text);
  const type = parser.parseType();
  parser.expectEnd();
  return type;
}

class TypeParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseType(): KsqlType {
    const word = this.readWord().toUpperCase();
    if (word === 'ARRAY') {
      this.expect('<');
      const element = this.parseType();
      this.expect('>');
      return { kind: 'array', element };
    }
    if (word === 'MAP') {
      this.expect('<');
      const key = this.parseType();
      this.expect(',');
      const value = this.parseType();
      this.expect('>');
      return { kind: 'map', key, value };
    }
    if (word === 'STRUCT') {
      this.expect('<');
      const fields: Array<{ name: string; type: KsqlType }> = [];
      if (!this.tryConsume('>')) {
        do {
          const name = this.readFieldName();
          fields.push({ name, type: this.parseType() });
        } while (this.tryConsume(','));
        this.expect('>');
      }
      return { kind: 'struct', fields };
    }
    if (word === 'DECIMAL') {
      this.expect('(');
      const precision = this.readInt();
      this.expect(',');
      const scale = this.readInt();
      this.expect(')');
      return { kind: 'decimal', precision, scale };
    }
    const name = ALIASES[word] ?? word;
    if (!SCALARS.has(name)) this.fail(`unknown type '${word}'`);
    return { kind: 'scalar', name: name as KsqlScalarName };
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail('unexpected trailing text');
  }

  private readFieldName(): string {
    this.skipSpace();
    if (this.text[this.pos] === '`') {
      const end = this.text.indexOf('`', this.pos + 1);
      if (end < 0) this.fail('unterminated quoted field name');
      const name = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return name;
    }
    return this.readWord().toUpperCase();
  }

  private readWord(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected a type name');
    this.pos += match[0].length;
    return match[0];
  }

  private readInt(): number {
    this.skipSpace();
    const match = /^\d+/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected a number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private expect(token: string): void {
    if (!this.tryConsume(token)) this.fail(`expected '${token}'`);
  }

  private tryConsume(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private fail(reason: string): never {
    throw new KsqlTypeParseError(`cannot parse ksqlDB type "${this.text}" at offset ${this.pos}: ${reason}`);
  }
}

/** Renders a type the way ksqlDB's `SqlType.toString()` does (the `columnTypes` spelling). */
export function formatKsqlType(type: KsqlType): string {
  switch (type.kind) {
    case 'scalar':
      return type.name;
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'array':
      return `ARRAY<${formatKsqlType(type.element)}>`;
    case 'map':
      return `MAP<${formatKsqlType(type.key)}, ${formatKsqlType(type.value)}>`;
    case 'struct':
      return `STRUCT<${type.fields.map((f) => `\`${f.name}\` ${formatKsqlType(f.type)}`).join(', ')}>`;
  }
}

/** DESCRIBE's `schema` object: `{type, fields, memberSchema, parameters?}`. */
export interface DescribeSchema {
  type: string;
  fields?: Array<{ name: string; schema: DescribeSchema }> | null;
  memberSchema?: DescribeSchema | null;
  parameters?: { precision?: number; scale?: number } | null;
}

/** Converts DESCRIBE's schema object into the same tree. MAP keys are always STRING in ksqlDB. */
export function fromDescribeSchema(schema: DescribeSchema): KsqlType {
  const base = schema.type.toUpperCase();
  switch (base) {
    case 'ARRAY':
      if (!schema.memberSchema) throw new KsqlTypeParseError('ARRAY schema without memberSchema');
      return { kind: 'array', element: fromDescribeSchema(schema.memberSchema) };
    case 'MAP':
      if (!schema.memberSchema) throw new KsqlTypeParseError('MAP schema without memberSchema');
      return { kind: 'map', key: { kind: 'scalar', name: 'STRING' }, value: fromDescribeSchema(schema.memberSchema) };
    case 'STRUCT':
      return {
        kind: 'struct',
        fields: (schema.fields ?? []).map((f) => ({ name: f.name, type: fromDescribeSchema(f.schema) })),
      };
    case 'DECIMAL': {
      const { precision, scale } = schema.parameters ?? {};
      if (precision === undefined || scale === undefined) {
        throw new KsqlTypeParseError('DECIMAL schema without precision and scale parameters');
      }
      return { kind: 'decimal', precision, scale };
    }
    default:
      return parseKsqlType(base);
  }
}
