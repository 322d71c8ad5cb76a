// The adapters shipped with the package (DESIGN.md §6).
export {};
