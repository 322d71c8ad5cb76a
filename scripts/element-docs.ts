/**
 * The element reference, docs/reference.md, written from the custom elements manifest, so the
 * tables of attributes, properties, methods, events, slots, CSS parts, CSS states and CSS custom
 * properties are the JSDoc of the element classes and cannot drift from them.
 *
 * `npm run docs`: writes docs/reference.md from custom-elements.json (`npm run analyze` first).
 * `npm run docs:check` (part of `npm run lint`): analyzes the sources afresh into a temporary
 * folder and fails when docs/reference.md is not what they give.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { ELEMENT_TAGS } from './entries.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'docs/reference.md');

interface Described {
  name: string;
  description?: string;
  summary?: string;
  type?: { text?: string };
}
interface Member extends Described {
  kind: 'field' | 'method';
  privacy?: 'private' | 'protected' | 'public';
  static?: boolean;
  readonly?: boolean;
  default?: string;
  attribute?: string;
  reflects?: boolean;
  parameters?: Described[];
  return?: { type?: { text?: string } };
  inheritedFrom?: { name: string };
}
interface Attribute extends Described {
  default?: string;
  fieldName?: string;
}
export interface ElementDeclaration extends Described {
  tagName?: string;
  customElement?: boolean;
  attributes?: Attribute[];
  members?: Member[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssStates?: Described[];
  cssProperties?: (Described & { default?: string; syntax?: string })[];
}
export interface Manifest {
  modules: { path: string; declarations?: ElementDeclaration[] }[];
}

/** One table cell: a single line, pipes escaped. */
const cell = (text: string | undefined) =>
  (text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text: string | undefined) => (text ? `\`${text.replace(/\s+/g, ' ')}\`` : '');

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((value) => value || ' ').join(' | ')} |`),
  ].join('\n');
}

/** A section of one element: its table, or a line saying it has none. */
function section(title: string, head: string[], rows: string[][]): string {
  return rows.length ? `### ${title}\n\n${table(head, rows)}` : `### ${title}\n\nNone.`;
}

const isPublic = (member: Member) =>
  !member.static &&
  (member.privacy ?? 'public') === 'public' &&
  !member.name.startsWith('_') &&
  !member.name.startsWith('#');

function elementReference(tag: string, element: ElementDeclaration): string {
  const members = (element.members ?? []).filter(isPublic);
  const fields = members.filter((member) => member.kind === 'field');
  // Lifecycle callbacks the browser calls (formResetCallback, …) are not the host's to call.
  const methods = members.filter(
    (member) => member.kind === 'method' && !member.name.endsWith('Callback'),
  );
  const attributes = (element.attributes ?? []).map((attribute) => [
    code(attribute.name),
    code(attribute.fieldName),
    code(cell(attribute.type?.text)),
    code(cell(attribute.default)),
    cell(attribute.description),
  ]);
  const properties = fields.map((field) => [
    code(field.name) + (field.readonly ? ' (read-only)' : ''),
    code(field.attribute) + (field.reflects ? ' (reflected)' : ''),
    code(cell(field.type?.text)),
    code(cell(field.default)),
    cell(field.description) +
      (field.inheritedFrom ? ` (from \`${field.inheritedFrom.name}\`)` : ''),
  ]);
  const methodRows = methods.map((method) => {
    const params = (method.parameters ?? [])
      .map((p) => `${p.name}${p.type?.text ? `: ${p.type.text}` : ''}`)
      .join(', ');
    const returns = method.return?.type?.text;
    return [
      code(cell(`${method.name}(${params})${returns ? `: ${returns}` : ''}`)),
      cell(method.description) +
        (method.inheritedFrom ? ` (from \`${method.inheritedFrom.name}\`)` : ''),
    ];
  });
  const named = (items: Described[] | undefined, quote = code) =>
    (items ?? []).map((item) => [quote(item.name), cell(item.description)]);
  const cssProperties = (element.cssProperties ?? []).map((property) => [
    code(property.name),
    code(cell(property.default)),
    cell(property.description),
  ]);
  return [
    `## \`<${tag}>\``,
    cell(element.summary ?? ''),
    `Class \`${element.name}\`: \`user-segments/elements/${tag}\` gives the class, \`user-segments/define/${tag}\` registers the tag.`,
    section('Attributes', ['attribute', 'property', 'type', 'default', 'description'], attributes),
    section('Properties', ['property', 'attribute', 'type', 'default', 'description'], properties),
    section('Methods', ['method', 'description'], methodRows),
    section(
      'Events',
      ['event', 'type', 'description'],
      (element.events ?? []).map((event) => [
        code(event.name),
        code(cell(event.type?.text)),
        cell(event.description),
      ]),
    ),
    section(
      'Slots',
      ['slot', 'description'],
      named(element.slots, (n) => code(n || '(default)')),
    ),
    section('CSS parts', ['part', 'description'], named(element.cssParts)),
    section('CSS states', ['state', 'description'], named(element.cssStates)),
    section('CSS custom properties', ['property', 'default', 'description'], cssProperties),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The whole reference, formatted as the repository's Prettier settings write Markdown. */
export async function renderReference(manifest: Manifest): Promise<string> {
  const elements = new Map<string, ElementDeclaration>();
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) {
        elements.set(declaration.tagName, declaration);
      }
    }
  }
  const missing = ELEMENT_TAGS.filter((tag) => !elements.has(tag));
  if (missing.length) throw new Error(`The manifest has no element ${missing.join(', ')}.`);
  const text = [
    '# Element reference',
    '<!-- Written by `npm run docs` from custom-elements.json; edit the JSDoc of the element classes, not this file. -->',
    'Every attribute, property, method, event, slot, CSS part, CSS state and CSS custom property of ' +
      'each element, as its class documents it. How to use them, with examples: ' +
      '[elements.md](elements.md).',
    ELEMENT_TAGS.map((tag) => `- [\`<${tag}>\`](#${tag})`).join('\n'),
    ...ELEMENT_TAGS.map((tag) => elementReference(tag, elements.get(tag)!)),
  ].join('\n\n');
  const options = (await resolveConfig(target)) ?? {};
  return format(text, { ...options, parser: 'markdown' });
}

/** Runs the analyzer on the sources into a temporary folder and reads what it wrote. */
function analyzeAfresh(): Manifest {
  const out = mkdtempSync(join(tmpdir(), 'element-docs-'));
  try {
    execFileSync(
      join(root, 'node_modules/.bin/cem'),
      // The analyzer joins --outdir to the working directory, so it must be relative.
      [
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        '--outdir',
        relative(root, out),
      ],
      { cwd: root, stdio: 'pipe' },
    );
    return JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const manifest = check
    ? analyzeAfresh()
    : (JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest);
  const text = await renderReference(manifest);
  if (!check) {
    writeFileSync(target, text);
    console.log(`Wrote ${relative(root, target)}.`);
  } else {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // Missing counts as out of date.
    }
    if (current !== text) {
      console.error(
        `${relative(root, target)} is not what the element classes document: run \`npm run docs\` and commit it.`,
      );
      process.exitCode = 1;
    } else {
      console.log(`${relative(root, target)} is current.`);
    }
  }
}
