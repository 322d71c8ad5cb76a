/**
 * A seller's Segments page as a host admin would build it: the store's segments with their
 * member counts, and a form that creates a segment from a CSV file through <csv-mapper>.
 * Everything goes through the adapter, as any host's page would.
 */
import {
  LocalAdapter,
  isSegmentError,
  type CsvMapper,
  type Segment,
  type SegmentScope,
} from '../components/index.ts';
import { openDemoStore, seedIfEmpty } from './store.ts';
import { chooseAdapter } from './adapter-choice.ts';

const MEMBER_BATCH = 1_000;
const TYPE_LABELS: Record<Segment['type'], string> = {
  csv: 'CSV',
  filter: 'Filter',
  predefined: 'Predefined',
};

// `?adapter=rest&api=…&key=…` talks to the reference backend instead (README: "The demo
// against the reference backend").
const choice = chooseAdapter(location.search, openDemoStore);
const adapter = choice.adapter;
const status = document.querySelector<HTMLElement>('#store-status')!;
const rows = document.querySelector<HTMLTableSectionElement>('#segments tbody')!;
const form = document.querySelector<HTMLFormElement>('#csv-form')!;
const nameInput = document.querySelector<HTMLInputElement>('#segment-name')!;
const mapper = document.querySelector<CsvMapper>('csv-mapper')!;
const message = document.querySelector<HTMLElement>('#form-message')!;
const numbers = new Intl.NumberFormat('en-IN');
let scope: SegmentScope = 'store';

await start();

async function start() {
  try {
    if (choice.kind === 'local') {
      const { customers } = await seedIfEmpty(choice.adapter);
      status.textContent = `${numbers.format(customers)} customers (generated demo data)`;
    } else {
      const { total } = await adapter.countMembers({ segmentId: 'first-time-customers' });
      status.textContent = `${numbers.format(total)} customers on the reference backend at ${choice.baseUrl}`;
      document.querySelector<HTMLElement>('#reset-store')!.hidden = true;
    }
  } catch (error) {
    status.textContent = `The demo store could not be opened: ${describe(error)}`;
    return;
  }
  adapter.addEventListener('segments-changed', () => void renderSegments());
  await renderSegments();
}

async function renderSegments() {
  const { items } = await adapter.listSegments({ scope, limit: 200 });
  rows.replaceChildren(
    ...items.map((segment) => {
      const row = document.createElement('tr');
      for (const text of [
        segment.name,
        TYPE_LABELS[segment.type],
        segment.memberCount === null ? '—' : numbers.format(segment.memberCount),
      ]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
}

for (const tab of document.querySelectorAll<HTMLButtonElement>('[role=tab]')) {
  tab.addEventListener('click', () => {
    scope = tab.dataset.scope as SegmentScope;
    for (const other of document.querySelectorAll('[role=tab]')) {
      other.setAttribute('aria-selected', String(other === tab));
    }
    void renderSegments();
  });
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  message.className = '';
  if (!nameInput.value.trim()) return showError('Give the segment a name.', nameInput);
  const csv = mapper.value;
  const report = mapper.report;
  if (!form.checkValidity() || !csv || !report) {
    return showError(mapper.validationMessage || 'Choose and validate a CSV file.');
  }
  let created: Segment | undefined;
  try {
    created = await adapter.createSegment({ name: nameInput.value, type: 'csv', csv });
    // Batch ids derive from the segment and position, so a retried batch adds nothing twice.
    for (let start = 0; start < report.accepted.length; start += MEMBER_BATCH) {
      const batch = report.accepted
        .slice(start, start + MEMBER_BATCH)
        .map(({ phone, email }) => ({ phone, email }));
      await adapter.addMembers(created.id, batch, { batchId: `${created.id}:${start}` });
    }
    message.className = 'ok';
    message.textContent = `Created "${created.name}" with ${numbers.format(report.accepted.length)} contacts.`;
    form.reset();
  } catch (error) {
    // A segment with only some of its members would mislead a campaign: remove it, keep the form.
    if (created) await adapter.deleteSegment(created.id).catch(() => undefined);
    showError(describe(error), isSegmentError(error, 'name-taken') ? nameInput : undefined);
  }
});

function showError(text: string, focus?: HTMLElement) {
  message.textContent = text;
  focus?.focus();
}

function describe(error: unknown): string {
  if (isSegmentError(error, 'name-taken')) return 'A segment with this name already exists.';
  if (isSegmentError(error, 'unavailable'))
    return choice.kind === 'rest'
      ? 'The backend could not be reached; is `npm run server` running?'
      : 'This browser could not store the data (private mode or storage full?).';
  if (isSegmentError(error, 'unauthorized')) return 'The backend refused the key in the link.';
  return error instanceof Error ? error.message : String(error);
}

document.querySelector('#reset-store')!.addEventListener('click', async () => {
  if (choice.kind !== 'local') return;
  choice.adapter.close();
  await LocalAdapter.deleteStore(choice.adapter.storeId);
  location.reload();
});
