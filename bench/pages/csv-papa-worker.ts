/**
 * The baseline of the CSV bench: papaparse's own streaming parse of the same Blob, in a module
 * worker started the same way as ours, doing nothing but count the rows it parses.
 */
import Papa from 'papaparse';

self.onmessage = (event: MessageEvent<Blob>) => {
  let rows = 0;
  Papa.parse<string[]>(event.data as unknown as File, {
    // The file ends with a newline: without this the last "record" would be an empty one.
    skipEmptyLines: true,
    chunk: (results) => {
      rows += results.data.length;
    },
    complete: () => self.postMessage({ rows }),
    error: (error) => self.postMessage({ error: String(error) }),
  });
};
