/**
 * Localisation as a controller. An element's language is its own `lang`, else the nearest
 * ancestor's (looking through shadow roots), else the document's; that language picks the
 * translation table. Tables are registered per locale with `registerTranslation`; registering
 * one later (or changing a `lang` attribute) re-renders every element on the page that uses it.
 *
 * Lookup goes from the most specific table to English: `hi-IN` → `hi` → `en`, key by key, so a
 * host can register a partial table (a few overrides of English, or a regional variant).
 *
 * English is always there. The other tables that ship (Hindi) load the first time an element
 * on the page is in their language, and the page re-renders in it a moment later: a page in
 * English never downloads them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Translation } from './translations/en.ts';

export type { Translation };

/** One section of the table, e.g. `Translation['csvMapper']`. */
export type TranslationSection = keyof Translation;

/** What a host registers: any sections, any keys of them; missing ones fall back. */
export type TranslationOverrides = {
  [S in TranslationSection]?: Partial<Translation[S]>;
};

/** Plural forms keyed by `Intl.PluralRules` category; `other` is always there. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Values for `{placeholders}`. */
export type FormatValues = Record<string, string | number>;

/**
 * Adds (or extends) the table of `locale` ("hi", "ta-IN", "en"), merging section by section over
 * what is already registered for it, and re-renders every element already on the page.
 */
export function registerTranslation(locale: string, table: TranslationOverrides): void {
  const key = locale.toLowerCase();
  tables.set(key, merge(tables.get(key) ?? {}, table));
  resolved.clear();
  refreshAll();
}

/**
 * Resolves once the table the package ships for `lang` (or its language, "hi" for "hi-IN") has
 * loaded and the page re-rendered with it; at once for English and for languages it does not
 * ship.
 */
export function translationLoaded(lang: string): Promise<void> {
  return loadBuiltIn(lang.toLowerCase().split('-')[0]!) ?? Promise.resolve();
}

/**
 * The language of `element`: its `lang`, the nearest ancestor's (through shadow roots), the
 * document's, else "en".
 */
export function languageOf(element: Element): string {
  for (let node: Element | null = element; node;) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node =
      node.parentElement ??
      ((node.getRootNode() as ShadowRoot).host as Element | undefined) ??
      null;
  }
  return document.documentElement.lang || 'en';
}

/**
 * Gives an element its strings, plurals and numbers in its language, and re-renders it when its
 * language or a table changes. Create one per element: `private readonly t = new
 * LocalizeController(this)`.
 */
export class LocalizeController implements ReactiveController {
  private readonly observer = new MutationObserver(() => this.host.requestUpdate());

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this.host);
    watchDocument();
    // The element's own `lang` may sit inside another element's shadow root, which the
    // document-wide observer does not see.
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    connected.delete(this.host);
    this.observer.disconnect();
  }

  /** The element's language as written in the nearest `lang` ("hi", "en-IN"). */
  get lang(): string {
    return languageOf(this.host);
  }

  /**
   * The strings of one section for the element's language, every key filled (missing ones from
   * less specific tables, then English); `overrides` (an element's own) win over all of them.
   */
  section<S extends TranslationSection>(
    section: S,
    overrides?: Partial<Translation[S]>,
  ): Translation[S] {
    const strings = resolve(this.lang, section);
    return overrides && Object.keys(overrides).length ? { ...strings, ...overrides } : strings;
  }

  /** Fills `{placeholders}`; an unknown placeholder stays visible rather than vanishing. */
  format(template: string, values: FormatValues = {}): string {
    return format(template, values);
  }

  /**
   * The form of `forms` for `count` in the element's language (`Intl.PluralRules`), filled with
   * `values` and `{count}` as a formatted number.
   */
  plural(forms: PluralForms, count: number, values: FormatValues = {}): string {
    const category = pluralRules(this.lang).select(count);
    const template = forms[category] ?? forms.other;
    return format(template, { count: this.number(count), ...values });
  }

  /** A number in the element's language ("12,345" in English, "12.345" in German). */
  number(value: number, options?: Intl.NumberFormatOptions): string {
    return numberFormat(this.lang, options).format(value);
  }
}

// ---- tables ----

const tables = new Map<string, TranslationOverrides>([['en', en]]);

/** The tables that ship besides English, loaded when first needed. */
const BUILT_IN: Readonly<Record<string, () => Promise<TranslationOverrides>>> = {
  hi: () => import('./translations/hi.ts').then((module) => module.hi),
};
const builtInLoads = new Map<string, Promise<void>>();

/** Starts loading a shipped table (once); undefined for a language the package does not ship. */
function loadBuiltIn(key: string): Promise<void> | undefined {
  const load = BUILT_IN[key];
  if (!load) return undefined;
  let loading = builtInLoads.get(key);
  if (!loading) {
    loading = load().then(
      (table) => {
        // What a host registered for the language meanwhile goes over the shipped table.
        tables.set(key, merge(table, tables.get(key) ?? {}));
        resolved.clear();
        refreshAll();
      },
      // Offline: English stays; the next element in that language tries again.
      () => void builtInLoads.delete(key),
    );
    builtInLoads.set(key, loading);
  }
  return loading;
}

/** `over`'s sections merged key by key over `under`'s. */
function merge(under: TranslationOverrides, over: TranslationOverrides): TranslationOverrides {
  const merged: Record<string, unknown> = { ...under };
  for (const [section, strings] of Object.entries(over)) {
    merged[section] = { ...(under[section as TranslationSection] ?? {}), ...strings };
  }
  return merged as TranslationOverrides;
}

/** Resolved sections by "lang|section"; cleared when a table is registered. */
const resolved = new Map<string, unknown>();

function resolve<S extends TranslationSection>(lang: string, section: S): Translation[S] {
  const cacheKey = `${lang}|${section}`;
  const cached = resolved.get(cacheKey);
  if (cached) return cached as Translation[S];
  // "hi-IN" → ["en", "hi", "hi-in"]: least specific first, so more specific keys win.
  const chain = ['en'];
  const parts = lang.toLowerCase().split('-');
  for (let i = 1; i <= parts.length; i++) chain.push(parts.slice(0, i).join('-'));
  void loadBuiltIn(parts[0]!);
  const strings = Object.assign({}, ...chain.map((key) => tables.get(key)?.[section] ?? {}));
  resolved.set(cacheKey, strings);
  return strings as Translation[S];
}

/** Fills `{placeholders}`; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, values: FormatValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}

// ---- Intl, cached: building a formatter costs far more than using one ----

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRulesCache = new Map<string, Intl.PluralRules>();

function numberFormat(lang: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = options ? `${lang}|${JSON.stringify(options)}` : lang;
  let format = numberFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang, options);
    } catch {
      // An invalid lang attribute must not break rendering.
      format = new Intl.NumberFormat('en', options);
    }
    numberFormats.set(key, format);
  }
  return format;
}

function pluralRules(lang: string): Intl.PluralRules {
  let rules = pluralRulesCache.get(lang);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(lang);
    } catch {
      rules = new Intl.PluralRules('en');
    }
    pluralRulesCache.set(lang, rules);
  }
  return rules;
}

// ---- re-rendering what is on the page ----

const connected = new Set<ReactiveControllerHost>();
let documentObserver: MutationObserver | undefined;

function refreshAll(): void {
  for (const host of connected) host.requestUpdate();
}

/** One observer for every `lang` attribute in the document (shadow roots aside). */
function watchDocument(): void {
  if (documentObserver) return;
  documentObserver = new MutationObserver(refreshAll);
  documentObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang'],
    subtree: true,
  });
}
