/**
 * The options and results of the CSV pipeline. The report itself, `CsvReport`,
 * lives in src/model.ts because segments and adapters use it too.
 */
import type { CsvFileIssue } from '../model.ts';
import type { BlobLike } from './input.ts';

export type { BlobLike };

/** How far an import has got; `bytes` of `totalBytes` read, `rows` data rows seen so far. */
export interface CsvProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface CsvParseOptions {
  /** Exact header name of the phone column; matched from the header when absent. */
  phoneColumn?: string;
  /** Exact header name of the email column; matched from the header when absent. */
  emailColumn?: string;
  /** ISO 3166 alpha-2 country for national phone numbers; 'IN' when absent. */
  defaultCountry?: string;
  /**
   * The help page's rule for hosts whose backend needs it: a mapped header with a space is a
   * file-level issue (`header-space`, "ph no" → "ph_no"). By default such headers are matched
   * exactly like any other.
   */
  strictHeaders?: boolean;
  /** One of `,` `;` tab `|`; detected from the start of the file when absent. */
  delimiter?: string;
  /**
   * 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; detected (BOM, then UTF-8 validity) when
   * absent.
   */
  encoding?: string;
  /** Called after each chunk of the file is processed (a few times a second at most). */
  onProgress?: (progress: CsvProgress) => void;
  /** Aborting rejects the import with the signal's reason (a DOMException 'AbortError'). */
  signal?: AbortSignal;
}

export interface CsvPeekOptions {
  /** Overrides the detected delimiter. */
  delimiter?: string;
  /** Data rows to return in `preview`; 5 when absent. */
  previewRows?: number;
}

/** What the start of a file says about it: enough to map columns before the full import. */
export interface CsvPeek {
  /** Header cells, surrounding whitespace trimmed. */
  headers: string[];
  delimiter: string;
  encoding: string;
  /** The first data rows, cell by cell as in the file. */
  preview: string[][];
  /** Columns matched from the header (`matchColumns`), named exactly as in `headers`. */
  suggested: { phoneColumn?: string; emailColumn?: string };
  /** File-level problems found so far (empty file, binary file, no header, …). */
  issues: CsvFileIssue[];
}

/**
 * The inputs the pipeline reads: a File/Blob (or an object that reads like one, such as a File
 * from an iframe), raw bytes (an ArrayBuffer, typed array or DataView), or already-decoded text.
 */
export type CsvInput = Blob | BlobLike | ArrayBuffer | ArrayBufferView | string;
