import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReference, type Manifest } from '../../scripts/element-docs.ts';
import { ELEMENT_TAGS } from '../../scripts/entries.ts';

/** A manifest of the shipped tags, each a bare element, with one described in full. */
function manifest(full: Record<string, unknown>): Manifest {
  return {
    modules: [
      {
        path: 'dist/types/components/x.d.ts',
        declarations: ELEMENT_TAGS.map((tag) => ({
          name: `El${tag.length}`,
          tagName: tag,
          customElement: true,
          ...(tag === 'segment-list' ? full : {}),
        })),
      },
    ],
  };
}

test('the reference lists what a class documents, one table row each, pipes kept', async () => {
  const text = await renderReference(
    manifest({
      summary: 'Lists segments.',
      attributes: [
        {
          name: 'selected-id',
          fieldName: 'selectedId',
          type: { text: "'a' | 'b'" },
          default: "''",
          description: 'The chosen\nsegment.',
        },
      ],
      members: [
        { kind: 'field', name: 'selectedId', attribute: 'selected-id', description: 'Chosen.' },
        { kind: 'field', name: 'hidden', privacy: 'private', description: 'Not for hosts.' },
        { kind: 'field', name: 'styles', static: true },
        { kind: 'method', name: 'refresh', description: 'Loads again.', parameters: [] },
        { kind: 'method', name: 'formResetCallback' },
      ],
      events: [{ name: 'segment-select', description: 'A row was selected; `detail.segment`.' }],
      cssParts: [{ name: 'row', description: 'Each row.' }],
      cssProperties: [{ name: '--us-radius', description: 'Corner radius.' }],
    }),
  );
  const section = text.slice(
    text.indexOf('## `<segment-list>`'),
    text.indexOf('## `<user-segments>`'),
  );
  assert.match(section, /Lists segments\./);
  assert.match(
    section,
    /\| `selected-id` +\| `selectedId` +\| `'a' \\\| 'b'` +\| `''` +\| The chosen segment\. +\|/,
  );
  assert.match(section, /\| `refresh\(\)` +\| Loads again\. +\|/);
  assert.match(section, /\| `segment-select` +\| +\| A row was selected; `detail.segment`\. +\|/);
  assert.match(section, /\| `row` +\| Each row\. +\|/);
  assert.match(section, /\| `--us-radius` +\| +\| Corner radius\. +\|/);
  assert.match(section, /### Slots\n\nNone\./);
  for (const hidden of ['hidden', 'styles', 'formResetCallback']) {
    assert.doesNotMatch(section, new RegExp(hidden));
  }
  // Every shipped element has its section, in the order of the entry table.
  const headings = [...text.matchAll(/^## `<([a-z-]+)>`$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, [...ELEMENT_TAGS]);
});

test('a manifest without one of the elements is refused, not written half', async () => {
  await assert.rejects(
    renderReference({ modules: [{ path: 'x', declarations: [] }] }),
    /no element csv-mapper/,
  );
});
