/**
 * Saves a Blob as a file through a temporary `a[download]` on an object URL, appended to
 * `parent` (inside an element's shadow root, so a listener there can see the download start).
 */
export function saveBlob(blob: Blob, fileName: string, parent: ParentNode): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  parent.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A name as a file name: characters file systems refuse become '-'; `fallback` when blank. */
export function fileSafe(name: string, fallback: string): string {
  const visible = [...name].map((c) =>
    c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '-' : c,
  );
  return visible.join('').trim() || fallback;
}
