import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Keeps the renderer's styles in CSS Modules: a className names a class of an imported module (or one of base.css's
// documented global utilities), every module class a component reads exists, and no global sheet grows back.

const SRC = path.resolve(import.meta.dirname, '../../renderer/src');
/** The global utilities of base.css, documented there; the only class names a component may write as a string. */
const GLOBAL_UTILITIES = new Set(['visually-hidden']);
/** The global sheets: base.css (element defaults, utilities) and tokens.css (custom properties). */
const GLOBAL_SHEETS = ['base.css', 'tokens.css'];
/**
 * Features not yet converted: their components still write global class names, styled by their feature's global
 * sheet. The list only shrinks; it is empty now that every feature is converted.
 */
const LEGACY_SHEETS: readonly string[] = [];
const LEGACY_FOLDERS: readonly string[] = [];

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
const files = walk(SRC);
const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const legacy = (file: string) => LEGACY_FOLDERS.includes(rel(file).split('/')[0] ?? '');

/** The local class names a CSS module defines (selectors only; `:global(...)` parts are not the module's). */
export function moduleClasses(css: string): Set<string> {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  // Every run of text just before a '{' is a selector list or an at-rule's prelude; declarations end in ';' or '}'.
  const selectors = [...text.matchAll(/([^{};]+)\{/g)]
    .map((match) => (match[1] ?? '').trim())
    .filter((prelude) => !prelude.startsWith('@'))
    .join(' ')
    .replace(/:global\([^)]*\)/g, '');
  return new Set([...selectors.matchAll(/\.([a-zA-Z_][\w-]*)/g)].map((match) => match[1] ?? ''));
}

const camel = (name: string) => name.replace(/-+(\w)/g, (_, letter: string) => letter.toUpperCase());

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function inspect(file: string): { literals: Finding[]; missing: Finding[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const modules = new Map<string, Set<string>>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    const name = statement.importClause?.name?.text;
    if (!spec.endsWith('.module.css') || !name) continue;
    const classes = moduleClasses(readFileSync(path.resolve(path.dirname(file), spec), 'utf8'));
    modules.set(name, new Set([...classes, ...[...classes].map(camel)]));
  }
  const literals: Finding[] = [];
  const missing: Finding[] = [];
  const at = (node: ts.Node): Finding => ({
    file: rel(file),
    line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    text: node.getText(source).slice(0, 100),
  });
  const strings = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
      if (node.text.split(/\s+/).some((token) => token && !GLOBAL_UTILITIES.has(token))) literals.push(at(node));
    } else if (ts.isTemplateExpression(node)) {
      strings(node.head);
      for (const span of node.templateSpans) {
        strings(span.expression);
        if (span.literal.text.trim()) literals.push(at(span.literal));
      }
    } else if (ts.isConditionalExpression(node)) {
      strings(node.whenTrue);
      strings(node.whenFalse);
    } else if (ts.isBinaryExpression(node)) {
      // `active && styles.active` yields its right side; `a ?? b`, `a || b` either; a comparison yields no class.
      const kind = node.operatorToken.kind;
      if (kind === ts.SyntaxKind.AmpersandAmpersandToken) strings(node.right);
      else if (kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken) {
        strings(node.left);
        strings(node.right);
      }
    } else if (ts.isCallExpression(node)) node.arguments.forEach(strings);
    else if (!ts.isElementAccessExpression(node)) ts.forEachChild(node, strings);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxAttribute(node) && /className$/i.test(node.name.getText(source)) && node.initializer) {
      strings(node.initializer);
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const classes = modules.get(node.expression.text);
      if (classes && !classes.has(node.name.text)) missing.push(at(node));
    }
    if (
      ts.isElementAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      ts.isStringLiteral(node.argumentExpression)
    ) {
      const classes = modules.get(node.expression.text);
      if (classes && !classes.has(node.argumentExpression.text)) missing.push(at(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { literals, missing };
}

describe('CSS Modules', () => {
  const components = files.filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));

  it('finds the classes of a module, not those of :global() or of declarations', () => {
    expect([
      ...moduleClasses('/* .no */ .a, :global(.b) .c { margin: 0.5rem; } @media print { .d:hover { x: 1.5 } }'),
    ]).toEqual(['a', 'c', 'd']);
  });

  it('lets converted components name classes only through a CSS module or a global utility', () => {
    const literals = components.filter((file) => !legacy(file)).flatMap((file) => inspect(file).literals);
    expect(literals).toEqual([]);
  });

  it('reads only classes that the imported module defines', () => {
    expect(components.flatMap((file) => inspect(file).missing)).toEqual([]);
  });

  it('imports a global sheet only in main.tsx: no component brings one back', () => {
    const imports = components.flatMap((file) =>
      ts
        .createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
        .statements.filter(ts.isImportDeclaration)
        .map((statement) => statement.moduleSpecifier)
        .filter(ts.isStringLiteral)
        .map((spec) => rel(path.resolve(path.dirname(file), spec.text)))
        .filter((sheet) => sheet.endsWith('.css') && !sheet.endsWith('.module.css'))
        .map((sheet) => ({ file: rel(file), sheet })),
    );
    const legacyOwn = ({ file, sheet }: { file: string; sheet: string }) =>
      LEGACY_SHEETS.includes(sheet) && (file === 'main.tsx' || LEGACY_FOLDERS.includes(file.split('/')[0] ?? ''));
    expect(imports.filter((one) => !legacyOwn(one))).toEqual([{ file: 'main.tsx', sheet: 'base.css' }]);
  });

  it('starts every selector of a module with one of its own classes, :global(...) parts below it', () => {
    // A feature may style DOM it does not render itself (ProseMirror's, in reports/editor/prose.module.css) only
    // below an element that carries one of its classes, so such a rule can never reach another feature's elements.
    // The shared modules of components/ follow the same rule: no global name is styled from them any more.
    const unscoped = files
      .filter((file) => file.endsWith('.module.css'))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
        return [...text.matchAll(/([^{};]+)\{/g)]
          .map((match) => (match[1] ?? '').trim())
          .filter((prelude) => !prelude.startsWith('@') && !/^(from|to|\d+%)$/.test(prelude))
          .flatMap((prelude) => prelude.split(','))
          .map((selector) => selector.trim())
          .filter((selector) => !/^[a-z*]*\.[a-zA-Z_]/.test(selector))
          .map((selector) => `${rel(file)}: ${selector}`);
      });
    expect(unscoped).toEqual([]);
  });

  it('keeps one global base sheet, the tokens and the shrinking list of not yet converted sheets', () => {
    const sheets = files.filter((file) => file.endsWith('.css') && !file.endsWith('.module.css')).map(rel);
    expect(sheets.sort()).toEqual([...GLOBAL_SHEETS, ...LEGACY_SHEETS].sort());
    const base = moduleClasses(readFileSync(path.join(SRC, 'base.css'), 'utf8'));
    expect([...base]).toEqual([...GLOBAL_UTILITIES]);
  });
});
