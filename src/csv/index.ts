// The CSV pipeline (DESIGN.md §8).
export {};
