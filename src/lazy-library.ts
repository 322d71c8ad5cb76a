import { SegmentError } from './errors.ts';

/**
 * A library loaded when it is first needed rather than with the page (libphonenumber-js,
 * papaparse). `load()` imports it once; `get()` hands it over synchronously once loaded, so the
 * synchronous code that uses it (compileFilter, normalisePhone) stays synchronous. In Node,
 * `get()` loads it on the spot (require), so Node hosts never have to call load() first. In a
 * browser, `get()` before load() has finished throws a LibraryNotLoadedError: async callers
 * (adapters, the CSV pipeline) await load() and try again — see `withLibraries`.
 */
export class LazyLibrary<T> {
  private value: T | undefined;
  private loading: Promise<T> | undefined;

  constructor(
    /** The package, for messages. */
    readonly name: string,
    private readonly importer: () => Promise<T>,
    /** What Node's require() of the package gives, turned into the same shape. */
    private readonly fromRequire: (required: unknown) => T,
    /** What `require` is asked for in Node: the package or a subpath of it. */
    private readonly specifier: string,
  ) {}

  get loaded(): boolean {
    return this.value !== undefined;
  }

  /** Loads the library (once; a failed load is tried again next time). */
  load(): Promise<T> {
    if (this.value !== undefined) return Promise.resolve(this.value);
    this.loading ??= this.importer().then(
      (value) => (this.value = value),
      (cause: unknown) => {
        this.loading = undefined;
        throw new SegmentError('unavailable', `${this.name} could not be loaded.`, { cause });
      },
    );
    return this.loading;
  }

  /** The library, loaded; see the class comment for what happens when it is not. */
  get(): T {
    if (this.value !== undefined) return this.value;
    const required = requireInNode(this.specifier);
    if (required !== undefined) return (this.value = this.fromRequire(required));
    throw new LibraryNotLoadedError(this);
  }

  /** Hands over a copy imported statically (the CSV worker bundles its libraries). */
  provide(value: T): void {
    this.value = value;
  }
}

/** A library was needed synchronously before it had loaded (in a browser). */
export class LibraryNotLoadedError extends SegmentError {
  constructor(readonly library: LazyLibrary<unknown>) {
    super(
      'unavailable',
      `${library.name} loads on demand and has not loaded yet: await loadPhoneSupport() (or the ` +
        'async call you made) before reading phone numbers synchronously.',
    );
  }
}

/**
 * Runs `work`; when it needed a library that had not loaded, loads it and runs `work` again.
 * For work that changes nothing before it reads (checks, evaluation), so running it twice is
 * the same as running it once.
 */
export async function withLibraries<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof LibraryNotLoadedError)) throw error;
      await error.library.load();
    }
  }
}

/**
 * `require(specifier)` where Node offers it synchronously (process.getBuiltinModule, Node 20.16
 * and later), else undefined (a browser, a worker).
 */
function requireInNode(specifier: string): unknown {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  const module = process?.getBuiltinModule?.('node:module') as
    { createRequire(from: string): (id: string) => unknown } | undefined;
  return module?.createRequire(import.meta.url)(specifier);
}
