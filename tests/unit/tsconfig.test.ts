import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// `npm run typecheck` is `tsc -b` over the root tsconfig.json, which references one composite
// project per runtime. This proves that every TypeScript file of the repository belongs to exactly
// one of them (so it is type-checked, once, and the editor attaches it to a project).
const root = path.resolve(import.meta.dirname, '../..');

function referencedProjects(): string[] {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const references = (config.config as { references?: { path: string }[] }).references ?? [];
  return references.map((reference) => path.resolve(root, reference.path));
}

function filesOf(project: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    project,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${project}`);
  return parsed.fileNames.filter((file) => /\.tsx?$/.test(file)).map((file) => path.relative(root, file));
}

describe('tsconfig projects', () => {
  it('the root references the five runtimes, each composite', () => {
    const projects = referencedProjects().map((project) => path.basename(project));
    expect(projects.sort()).toEqual([
      'tsconfig.electron.json',
      'tsconfig.node.json',
      'tsconfig.renderer.json',
      'tsconfig.shared.json',
      'tsconfig.tests.json',
    ]);
    for (const project of referencedProjects()) {
      const parsed = ts.getParsedCommandLineOfConfigFile(
        project,
        {},
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
      );
      expect(parsed?.options.composite, project).toBe(true);
    }
  });

  it('every TypeScript file of the repository is in exactly one project', () => {
    const owners = new Map<string, string[]>();
    for (const project of referencedProjects()) {
      for (const file of filesOf(project)) owners.set(file, [...(owners.get(file) ?? []), path.basename(project)]);
    }
    const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file !== '');
    const homeless = tracked.filter((file) => !owners.has(file));
    // Ambient declarations (*.d.ts) may be read by several projects; source files are checked once.
    const twice = [...owners].filter(([file, projects]) => projects.length > 1 && !file.endsWith('.d.ts'));
    expect(homeless).toEqual([]);
    expect(twice).toEqual([]);
    expect(tracked.length).toBeGreaterThan(100);
  });
});
