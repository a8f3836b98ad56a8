import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, describeSchemaIssues, parseJsonText } from './swot-input';

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseJsonText', () => {
  it('parses valid JSON, ignoring a byte order mark', () => {
    expect(parseJsonText('\uFEFF {"a": [1, 2.5e3, "x\\u00e9"]} ')).toEqual({ a: [1, 2500, 'xé'] });
  });

  it.each([
    ['{"a":}', 1, 6, 'unexpected "}", expected a value'],
    ['{"a":1', 1, 7, "unexpected end of input, expected ',' or '}' after a property value"],
    ['[1,]', 1, 4, 'unexpected "]", expected a value'],
    ['{"a" 1}', 1, 6, "expected ':' after the property name"],
    ["{'a': 1}", 1, 2, 'expected a property name in double quotes'],
    ['{\n  "a": "b\n"}', 2, 10, 'control character in string (write it as an escape such as \\n)'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape in string'],
    ['"abc', 1, 1, 'unterminated string'],
    ['[01]', 1, 3, "expected ',' or ']' after an array element"],
    ['[-]', 1, 2, 'invalid number'],
    ['{} {}', 1, 4, 'unexpected text after the JSON value'],
    ['[tru]', 1, 2, 'unexpected "t", expected a value'],
  ])('locates the error in %j at line %i, column %i', (text, line, column, reason) => {
    const error = syntaxError(text);
    expect({ line: error.line, column: error.column, reason: error.reason }).toEqual({ line, column, reason });
    expect(error.message).toBe(
      `malformed JSON at line ${line}, column ${column} (position ${error.offset}): ${reason}`,
    );
  });

  it('accepts what JSON.parse accepts and locates an error inside the text for what it refuses', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, insert) => {
        expect(parseJsonText(json)).toEqual(JSON.parse(json));
        const position = at % (json.length + 1);
        const mutated = json.slice(0, position) + insert + json.slice(position + 1);
        let valid = true;
        try {
          JSON.parse(mutated);
        } catch {
          valid = false;
        }
        if (valid) return;
        const error = syntaxError(mutated);
        expect(error.offset).toBeGreaterThanOrEqual(0);
        expect(error.offset).toBeLessThanOrEqual(mutated.length);
        // The probe itself found the error (a fallback would carry V8's "... JSON ..." message).
        expect(error.reason).not.toMatch(/in JSON|is not valid JSON|JSON input/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('describeSchemaIssues', () => {
  it('names the path and the id of the item at fault', () => {
    const schema = z.object({ items: z.array(z.object({ id: z.string(), text: z.string() })) });
    const data = { items: [{ id: 'ok', text: 't' }, { id: 'b7', text: null }, { text: 1 }] };
    const result = schema.safeParse(data);
    expect(result.success).toBe(false);
    expect(describeSchemaIssues(result.error as z.ZodError, data).split('\n')).toEqual([
      'items[1] (id "b7").text: Invalid input: expected string, received null',
      'items[2].id: Invalid input: expected string, received undefined',
      'items[2].text: Invalid input: expected string, received number',
    ]);
  });
});
