/**
 * The demo's seller admin: a header with the language and theme switches, a sidebar
 * (Dashboard, Marketing → User Segments and Campaigns) and the page it points to. User Segments is the one
 * `<user-segments>` tag; theming goes through `--us-*` properties and `::part` in demo.css only.
 */
import { html, render, nothing } from 'lit';
import '../components/index.ts';
import './campaigns.ts';
import type { SegmentAdapter } from '../components/index.ts';
import {
  demoStrings,
  readDemoPrefs,
  saveDemoPrefs,
  type DemoLanguage,
  type DemoStrings,
} from './strings.ts';
import type { SeedProgress } from './store.ts';

export interface AdminOptions {
  adapter: SegmentAdapter;
  /** Prepares the store, reporting progress; the segments page shows once it resolves. */
  prepare: (onProgress: (progress: SeedProgress) => void) => Promise<unknown>;
  /** Shown as a button in the header when given. */
  reset?: () => Promise<void>;
  /** Where the sample CSV is served. */
  sampleCsvUrl?: string;
}

type Page = 'dashboard' | 'segments' | 'campaigns';

interface State {
  page: Page;
  lang: DemoLanguage;
  dark: boolean;
  ready: boolean;
  progress: SeedProgress | undefined;
  error: string;
  stats: { customers: number; returning: number; top: number; segments: number } | null;
}

export function startAdmin(root: HTMLElement, options: AdminOptions): { ready: Promise<void> } {
  const prefs = readDemoPrefs();
  const state: State = {
    page: pageFromHash(),
    lang: prefs.lang,
    dark: prefs.dark,
    ready: false,
    progress: undefined,
    error: '',
    stats: null,
  };

  const update = () => {
    document.documentElement.lang = state.lang;
    document.documentElement.dataset.theme = state.dark ? 'dark' : 'light';
    saveDemoPrefs({ lang: state.lang, dark: state.dark });
    render(view(state, options, actions), root);
  };

  const actions = {
    setLang(lang: DemoLanguage) {
      state.lang = lang;
      update();
    },
    toggleDark() {
      state.dark = !state.dark;
      update();
    },
    async reset() {
      await options.reset?.();
      location.reload();
    },
  };

  window.addEventListener('hashchange', () => {
    state.page = pageFromHash();
    update();
    if (state.page === 'dashboard') void loadStats();
    root.querySelector<HTMLElement>('h1')?.focus();
  });

  async function loadStats() {
    if (!state.ready) return;
    const { adapter } = options;
    const [returning, top, listed] = await Promise.all([
      adapter.countMembers({ segmentId: 'returning-customers' }),
      adapter.countMembers({ segmentId: 'top-100-spenders' }),
      adapter.listSegments({ scope: 'store', limit: 1 }),
    ]);
    state.stats = {
      customers: returning.total,
      returning: returning.count,
      top: top.count,
      segments: listed.total,
    };
    update();
  }

  update();
  const ready = options
    .prepare((progress) => {
      state.progress = progress;
      update();
    })
    .then(
      () => {
        state.ready = true;
        update();
        void loadStats();
      },
      (error: unknown) => {
        state.error = error instanceof Error ? error.message : String(error);
        update();
      },
    );
  return { ready };
}

function view(
  state: State,
  options: AdminOptions,
  actions: Record<string, (...a: never[]) => unknown>,
) {
  const s: DemoStrings = demoStrings[state.lang];
  const link = (page: Page, label: string) =>
    html`<a href="#/${page}" aria-current=${state.page === page ? 'page' : nothing}>${label}</a>`;
  return html`
    <header class="topbar">
      <a class="brand" href="#/dashboard">${s.store} <span>${s.admin}</span></a>
      <div class="controls">
        <label for="demo-language">${s.language}</label>
        <select
          id="demo-language"
          @change=${(e: Event) =>
            (actions.setLang as (l: DemoLanguage) => void)(
              (e.target as HTMLSelectElement).value as DemoLanguage,
            )}
        >
          <option value="en" ?selected=${state.lang === 'en'} lang="en">English</option>
          <option value="hi" ?selected=${state.lang === 'hi'} lang="hi">हिन्दी</option>
        </select>
        <button type="button" aria-pressed=${state.dark} @click=${actions.toggleDark}>
          ${s.darkTheme}
        </button>
        ${
          options.reset
            ? html`<button type="button" @click=${actions.reset}>${s.reset}</button>`
            : nothing
        }
      </div>
    </header>
    <div class="layout">
      <nav aria-label=${s.nav} class="sidebar">
        <ul>
          <li>${link('dashboard', s.dashboard)}</li>
          <li>
            <span class="group">${s.marketing}</span>
            <ul>
              <li>${link('segments', s.userSegments)}</li>
              <li>${link('campaigns', s.campaigns)}</li>
            </ul>
          </li>
        </ul>
        <p class="aside-link"><a href="./frameworks.html">${s.frameworks}</a></p>
      </nav>
      <main>
        <h1 tabindex="-1">
          ${{ dashboard: s.dashboard, segments: s.userSegments, campaigns: s.campaigns }[state.page]}
        </h1>
        ${
          state.error
            ? html`<p role="alert" class="failed">${s.failed.replace('{message}', state.error)}</p>`
            : !state.ready
              ? html`<div class="seeding" role="status">
                  <p>
                    ${
                      state.progress == null
                        ? s.generating
                        : s.preparing.replace('{percent}', String(state.progress))
                    }
                  </p>
                  <progress
                    max="100"
                    .value=${state.progress ?? 0}
                    aria-label=${s.generating}
                  ></progress>
                </div>`
              : state.page === 'dashboard'
                ? dashboard(state, s)
                : state.page === 'campaigns'
                  ? campaignsPage(options, s)
                  : segmentsPage(options, s)
        }
      </main>
    </div>
  `;
}

function dashboard(state: State, s: DemoStrings) {
  const n = new Intl.NumberFormat(state.lang === 'hi' ? 'hi-IN' : 'en-IN');
  const stats = state.stats;
  const card = (label: string, value: number | undefined) =>
    html`<div class="card">
      <span class="label">${label}</span
      ><strong>${value === undefined ? '—' : n.format(value)}</strong>
    </div>`;
  return html`<p>${s.dashboardIntro}</p>
    <div class="cards">
      ${card(s.customers, stats?.customers)} ${card(s.returning, stats?.returning)}
      ${card(s.topSpenders, stats?.top)} ${card(s.segments, stats?.segments)}
    </div>`;
}

function segmentsPage(options: AdminOptions, s: DemoStrings) {
  const url = options.sampleCsvUrl ?? './sample-customers.csv';
  const [before, after] = s.sampleCsv.split('{link}');
  return html`<p class="hint">${before}<a href=${url} download>sample-customers.csv</a>${after}</p>
    <user-segments .adapter=${options.adapter}></user-segments>`;
}

/** The campaign form of campaigns.ts, on the same adapter as the segments page. */
function campaignsPage(options: AdminOptions, s: DemoStrings) {
  return html`<p class="hint">${s.campaignsIntro}</p>
    <demo-campaign-form .adapter=${options.adapter} .strings=${s}></demo-campaign-form>`;
}

function pageFromHash(): Page {
  if (location.hash === '#/dashboard') return 'dashboard';
  return location.hash === '#/campaigns' ? 'campaigns' : 'segments';
}
