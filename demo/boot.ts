/**
 * Starts the demo admin from its address: chooses the adapter the URL names (see
 * adapter-choice.ts), prepares its store and runs the admin; a bad address gets a page that
 * says what is wrong and links to the default demo, never a blank page. `main.ts` calls it for
 * the real page; the journey tests call it with a small store of their own.
 */
import { startAdmin } from './admin.ts';
import { chooseAdapter, type AdapterChoice } from './adapter-choice.ts';
import { demoStrings, readDemoLanguage } from './strings.ts';
import type { SegmentAdapter } from '../src/core.ts';
import type { SeedProgress } from './store.ts';

export interface DemoBoot<L extends SegmentAdapter> {
  /** The page's query string (`location.search`). */
  search: string;
  /** Opens the LocalAdapter (only when the URL asks for no other adapter). */
  openLocal: () => L;
  /** Fills the local store the first time, reporting progress. */
  prepareLocal: (adapter: L, onProgress: (progress: SeedProgress) => void) => Promise<unknown>;
  /** Empties the local store (the header's "Reset demo store"). */
  resetLocal?: (adapter: L) => Promise<void>;
  sampleCsvUrl?: string;
}

export interface BootedDemo<L extends SegmentAdapter> {
  /** The adapter the URL chose; undefined when the address was refused. */
  choice?: AdapterChoice<L>;
  /** Resolves once the segments page can show (or the failure is on screen). */
  ready: Promise<void>;
}

export function bootDemo<L extends SegmentAdapter>(
  root: HTMLElement,
  options: DemoBoot<L>,
): BootedDemo<L> {
  let choice: AdapterChoice<L>;
  try {
    choice = chooseAdapter(options.search, options.openLocal);
  } catch (error) {
    showBadAddress(root, error instanceof Error ? error.message : String(error));
    return { ready: Promise.resolve() };
  }
  const local = choice.kind === 'local' ? choice.adapter : undefined;
  const { ready } = startAdmin(root, {
    adapter: choice.adapter,
    ...(local
      ? {
          prepare: (onProgress) => options.prepareLocal(local, onProgress),
          reset: options.resetLocal ? () => options.resetLocal!(local) : undefined,
        }
      : // The backend seeds its own store; a count proves it answers before the page shows.
        { prepare: () => choice.adapter.countMembers({ segmentId: 'first-time-customers' }) }),
    sampleCsvUrl: options.sampleCsvUrl,
  });
  return { choice, ready };
}

/** The page for an address the demo cannot use: what is wrong, and the way to the default. */
function showBadAddress(root: HTMLElement, message: string): void {
  const lang = readDemoLanguage();
  const s = demoStrings[lang];
  document.documentElement.lang = lang;
  const main = document.createElement('main');
  main.className = 'bad-address';
  const heading = Object.assign(document.createElement('h1'), { textContent: s.badAddress });
  const detail = Object.assign(document.createElement('p'), { textContent: message });
  detail.setAttribute('role', 'alert');
  const way = document.createElement('p');
  way.append(
    Object.assign(document.createElement('a'), {
      href: location.pathname,
      textContent: s.openLocalDemo,
    }),
  );
  main.append(heading, detail, way);
  root.replaceChildren(main);
}
