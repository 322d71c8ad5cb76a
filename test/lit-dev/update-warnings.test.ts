/**
 * Run with Lit's development build (web-test-runner.lit-dev.config.mjs): the seller walks the
 * form and filter-builder journeys, by mouse and by keyboard alone, and no element of the page
 * may schedule an update after an update completed (Lit's "change-in-update" warning: a
 * property set while rendering, such as the form writing the builder's value back).
 */
import { expect } from '@open-wc/testing';
import { closeDemo, openDemo } from '../journeys/demo-page.ts';
import {
  createAndDeleteFilterSegment,
  createCsvSegment,
  filterSegmentDuplicateEditDelete,
  leavingAsksFirst,
} from '../journeys/journeys.ts';

declare global {
  // Lit's development build records every warning it has given here.
  var litIssuedWarnings: Set<string> | undefined;
}

/** Lit's warnings of one kind given so far (each is given once per message). */
function litWarnings(code: string): string[] {
  return [...(globalThis.litIssuedWarnings ?? [])].filter((w) => w.includes(`lit.dev/msg/${code}`));
}

describe("Lit's development build: no update scheduled after an update completed", function () {
  this.timeout(300_000);
  const warned: string[] = [];
  const warn = console.warn;

  before(() => {
    // A production build would pass without looking: the warnings must be switched on.
    expect(globalThis.litIssuedWarnings, 'Lit runs in its development build').to.be.instanceOf(Set);
    console.warn = (...args: unknown[]) => {
      warned.push(args.map(String).join(' '));
      warn.apply(console, args);
    };
  });
  after(() => {
    console.warn = warn;
  });
  beforeEach(() => {
    // Lit gives each warning once per page: forget the ones given, so each walk is checked alone.
    for (const given of litWarnings('change-in-update'))
      globalThis.litIssuedWarnings!.delete(given);
    warned.length = 0;
  });
  afterEach(closeDemo);

  it('by mouse: a CSV segment, two filter segments, Duplicate, Edit, Delete, leaving', async () => {
    const seller = await openDemo({ adapter: 'local', mode: 'mouse', width: 1280 });
    const walk = { label: 'lit-dev-mouse', axe: false };
    await createCsvSegment(seller, walk);
    await filterSegmentDuplicateEditDelete(seller, walk);
    await createAndDeleteFilterSegment(seller, walk);
    await leavingAsksFirst(seller, walk);
    expect(litWarnings('change-in-update')).to.deep.equal([]);
    expect(warned.filter((w) => /scheduled an update/.test(w))).to.deep.equal([]);
  });

  it('by keyboard alone at 360 px: two filter segments, Duplicate, Edit, Delete', async () => {
    const seller = await openDemo({ adapter: 'local', mode: 'keyboard', width: 360 });
    const walk = { label: 'lit-dev-keyboard', axe: false };
    await filterSegmentDuplicateEditDelete(seller, walk);
    await createAndDeleteFilterSegment(seller, walk);
    expect(litWarnings('change-in-update')).to.deep.equal([]);
    expect(warned.filter((w) => /scheduled an update/.test(w))).to.deep.equal([]);
  });
});
