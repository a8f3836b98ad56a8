import type { z } from 'zod';

/**
 * Reading the JSON file of `veldwerk swot score` with messages a person can act on.
 *
 * Node 20's JSON.parse reports a position for some errors but not for the most common one
 * ("Unexpected token"), so on failure the text is scanned once more by a small RFC 8259 syntax
 * checker whose only job is to find the offset of the first error. It is hand-written because
 * the libraries at hand either accept more than JSON (json5) or are not installed; it runs only
 * after JSON.parse has already failed, so valid input is never parsed twice.
 */

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`malformed JSON at line ${line}, column ${column} (position ${offset}): ${reason}`);
  }
}

class SyntaxProbe {
  private offset = 0;
  constructor(private readonly text: string) {}

  /** The first syntax error of the text, or undefined when it is valid JSON. */
  firstError(): { offset: number; reason: string } | undefined {
    try {
      this.whitespace();
      this.value();
      this.whitespace();
      if (this.offset < this.text.length) this.fail('unexpected text after the JSON value');
      return undefined;
    } catch (error) {
      if (error instanceof ProbeFailure) return { offset: error.offset, reason: error.message };
      throw error;
    }
  }

  private fail(reason: string, offset = this.offset): never {
    throw new ProbeFailure(reason, offset);
  }

  private whitespace(): void {
    while (this.offset < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.offset))) this.offset += 1;
  }

  private value(): void {
    const char = this.text.charAt(this.offset);
    if (char === '') this.fail('unexpected end of input, expected a value');
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char >= '0' && char <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.offset)) {
        this.offset += literal.length;
        return;
      }
    }
    this.fail(`unexpected ${JSON.stringify(char)}, expected a value`);
  }

  private expect(char: string, reason: string): void {
    if (this.text.charAt(this.offset) !== char)
      this.fail(this.offset >= this.text.length ? `unexpected end of input, ${reason}` : reason);
    this.offset += 1;
  }

  private object(): void {
    this.offset += 1;
    this.whitespace();
    if (this.text.charAt(this.offset) === '}') {
      this.offset += 1;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text.charAt(this.offset) !== '"')
        this.fail(
          this.offset >= this.text.length
            ? 'unexpected end of input, expected a property name'
            : 'expected a property name in double quotes',
        );
      this.string();
      this.whitespace();
      this.expect(':', "expected ':' after the property name");
      this.whitespace();
      this.value();
      this.whitespace();
      const next = this.text.charAt(this.offset);
      this.expect(next === ',' ? ',' : '}', "expected ',' or '}' after a property value");
      if (next !== ',') return;
    }
  }

  private array(): void {
    this.offset += 1;
    this.whitespace();
    if (this.text.charAt(this.offset) === ']') {
      this.offset += 1;
      return;
    }
    for (;;) {
      this.whitespace();
      this.value();
      this.whitespace();
      const next = this.text.charAt(this.offset);
      this.expect(next === ',' ? ',' : ']', "expected ',' or ']' after an array element");
      if (next !== ',') return;
    }
  }

  private string(): void {
    const start = this.offset;
    this.offset += 1;
    for (;;) {
      const char = this.text.charAt(this.offset);
      if (char === '') this.fail('unterminated string', start);
      if (char === '"') {
        this.offset += 1;
        return;
      }
      if (char === '\\') {
        const escape = this.text.charAt(this.offset + 1);
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6)))
            this.fail('invalid \\u escape in string');
          this.offset += 6;
        } else if (escape !== '' && '"\\/bfnrt'.includes(escape)) {
          this.offset += 2;
        } else {
          this.fail('invalid escape in string');
        }
      } else if (char < ' ') {
        this.fail('control character in string (write it as an escape such as \\n)');
      } else {
        this.offset += 1;
      }
    }
  }

  private number(): void {
    const pattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    pattern.lastIndex = this.offset;
    const match = pattern.exec(this.text);
    if (!match || match[0] === '-') this.fail('invalid number');
    this.offset += match[0].length;
  }
}

class ProbeFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** JSON.parse, but a syntax error says where (line, column, offset) and what was expected. */
export function parseJsonText(text: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const found = new SyntaxProbe(body).firstError();
    const offset = found?.offset ?? body.length;
    const { line, column } = lineAndColumn(body, offset);
    throw new JsonSyntaxError(
      found?.reason ?? (error instanceof Error ? error.message : String(error)),
      offset,
      line,
      column,
    );
  }
}

function describePath(path: readonly PropertyKey[], data: unknown): string {
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      if (typeof node === 'object' && node !== null && typeof (node as { id?: unknown }).id === 'string')
        text += ` (id ${JSON.stringify((node as { id: string }).id)})`;
    } else {
      text += text === '' ? String(key) : `.${String(key)}`;
      node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return text === '' ? 'the file' : text;
}

/** One line per schema issue, naming the field and, inside `items`, the item's index and id. */
export function describeSchemaIssues(error: z.ZodError, data: unknown): string {
  return error.issues.map((issue) => `${describePath(issue.path, data)}: ${issue.message}`).join('\n');
}
